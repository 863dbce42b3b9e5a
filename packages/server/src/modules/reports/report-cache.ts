import { REPORT_CHANGES_CHANNEL } from "../../db/migrations/1795305602400-ReportChanges";
import type { PgListener } from "../notifications";

/**
 * Where a computation stands: taken BEFORE its first statement, so any change committed after the snapshot it reads
 * was announced after this version was read, and a result stored under this version can no longer be found.
 */
export interface CacheTicket {
  readonly institutionId: string;
  readonly version: string;
}

export interface ReportCacheOptions {
  /** Longest an entry is kept, a safety net behind the notifications; 0 turns the cache off. */
  ttlMs: number;
  /** Most entries kept; the least recently used go first. */
  maxEntries?: number;
  /**
   * Most rows kept over all entries (an entry weighs 1 + its number of rows, see `through`): a breakdown by alum can
   * hold tens of thousands of rows, so the number of entries alone does not bound the memory.
   */
  maxRows?: number;
  /**
   * Refresh-ahead: when a change forgets an entry that was read within this long, the entry is computed again in the
   * background, so the next reader finds it ready instead of paying the computation (0: never).
   */
  refreshHotMs?: number;
  /** How long after a change the background computations start, so that a burst of changes costs one round. */
  refreshDelayMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/** How to compute an entry again: its key without the version, and the computation that filled it. */
interface Recipe {
  institutionId: string;
  key: string;
  compute: () => Promise<unknown>;
  rowsOf: (value: never) => number;
  /** When a caller last read it (a background computation is not a read). */
  readAt: number;
  /** Computations in a row whose result could not be stored because the institution changed while they ran. */
  straddled: number;
}

/** After this many computations in a row overtaken by changes, an entry waits for its next reader. */
const MAX_STRADDLED = 3;

interface Entry {
  value: unknown;
  expiresAt: number;
  weight: number;
  recipe: Recipe;
}

/**
 * An exact cache of report results, per server process. Triggers on every table a report reads `pg_notify` the
 * institution whose numbers a committed write may change (migration 1795305602400-ReportChanges); this process LISTENs
 * through the shared LISTEN connection and moves that institution to a new generation, so its older results are never
 * served again. Results are stored under the generation read before their computation began (see CacheTicket).
 *
 * While the LISTEN connection is down, notifications may be lost: the cache is neither read nor written, and after a
 * reconnect (`reset`) everything stored before is forgotten. Concurrent computations of the same key share one run.
 *
 * Refresh-ahead: entries read recently (`refreshHotMs`) that a change forgets are computed again in the background, one
 * at a time, shortly after the change (`refreshDelayMs`), under the new generation and by the same rules (a background
 * result is stored only if no other change came meanwhile; if one did, it is computed again, three times in a row at
 * most). A reader who comes while it runs shares that run. So the first view after a change is a hit unless it comes
 * within a computation of the change. See ADR 0011.
 */
export class ReportCache {
  private readonly generations = new Map<string, number>();
  /** Bumped by a change that concerns every institution ('*': a person's or a career field's name). */
  private everywhere = 0;
  /** Bumped on each (re)connection of the listener: results from before cannot be trusted. */
  private epoch = 0;
  private listener: PgListener | null = null;
  private readonly entries = new Map<string, Entry>();
  private readonly running = new Map<string, Promise<unknown>>();
  /** Entries to compute again in the background, by institution and key. */
  private readonly pending = new Map<string, Recipe>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private draining = false;
  private readonly refreshHotMs: number;
  private readonly refreshDelayMs: number;
  private refreshError: (error: unknown) => void = () => {};
  private readonly maxEntries: number;
  private readonly maxRows: number;
  private weight = 0;
  private readonly now: () => number;
  /** Counters, for tests and /metrics-style probes. */
  readonly stats = { hits: 0, misses: 0, invalidations: 0, refreshes: 0, refreshFailures: 0 };

  constructor(private readonly options: ReportCacheOptions) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxRows = options.maxRows ?? 200_000;
    this.now = options.now ?? Date.now;
    this.refreshHotMs = options.refreshHotMs ?? 0;
    this.refreshDelayMs = options.refreshDelayMs ?? 25;
  }

  /** LISTENs for report changes on this process's LISTEN connection. Until then (and while it is down) nothing is cached. */
  async listen(listener: PgListener): Promise<void> {
    await listener.listen(REPORT_CHANGES_CHANNEL, (payload) => this.changed(payload));
    this.listener = listener;
  }

  /** After the LISTEN connection came back: notifications sent while it was down are lost, so forget everything. */
  reset(): void {
    this.epoch += 1;
    this.forget(() => true);
  }

  /** A committed change for one institution (its id) or for all ('*'). */
  changed(payload: string): void {
    this.stats.invalidations += 1;
    if (payload === "*") {
      this.everywhere += 1;
      this.forget(() => true);
      return;
    }
    this.generations.set(payload, (this.generations.get(payload) ?? 0) + 1);
    const prefix = `${payload}|`;
    this.forget((key) => key.startsWith(prefix));
  }

  /** Told of a background computation that failed (its result is simply not stored). */
  onRefreshError(handler: (error: unknown) => void): void {
    this.refreshError = handler;
  }

  /** Stops the background computations not yet started (at shutdown). */
  close(): void {
    this.pending.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The ticket for a computation about to start, or null when the cache must not be used. */
  ticket(institutionId: string): CacheTicket | null {
    if (!this.usable()) return null;
    return { institutionId, version: this.versionOf(institutionId) };
  }

  /**
   * The result for `key` under the ticket: from the cache, from a run of the same key in progress, or computed now and
   * stored — unless the institution changed (or the listener dropped) meanwhile. Without a ticket, just computes.
   */
  async through<T>(ticket: CacheTicket | null, key: string, compute: () => Promise<T>, rowsOf: (value: T) => number = () => 0): Promise<T> {
    if (!ticket) return compute();
    const full = `${ticket.institutionId}|${ticket.version}|${key}`;
    const entry = this.entries.get(full);
    if (entry && entry.expiresAt > this.now() && this.current(ticket)) {
      // Most recently used last.
      this.entries.delete(full);
      this.entries.set(full, entry);
      entry.recipe.readAt = this.now();
      this.stats.hits += 1;
      return entry.value as T;
    }
    if (entry) this.remove(full);
    const inFlight = this.running.get(full);
    if (inFlight) {
      this.stats.hits += 1;
      return inFlight as Promise<T>;
    }
    this.stats.misses += 1;
    const recipe: Recipe = {
      institutionId: ticket.institutionId,
      key,
      compute,
      rowsOf: rowsOf as Recipe["rowsOf"],
      readAt: this.now(),
      straddled: 0,
    };
    return this.run(ticket, full, recipe) as Promise<T>;
  }

  /**
   * Computes an entry and stores it if its institution did not change meanwhile (and the listener stayed up). A result
   * overtaken by a change is queued to be computed again, a few times at most, since no change queued it (the entry was
   * not stored yet when the change came).
   */
  private async run(ticket: CacheTicket, full: string, recipe: Recipe): Promise<unknown> {
    const run = recipe.compute();
    this.running.set(full, run);
    try {
      const value = await run;
      const weight = 1 + recipe.rowsOf(value as never);
      if (this.current(ticket) && weight <= this.maxRows) {
        recipe.straddled = 0;
        this.remove(full);
        this.entries.set(full, { value, expiresAt: this.now() + this.options.ttlMs, weight, recipe });
        this.weight += weight;
        while (this.entries.size > this.maxEntries || this.weight > this.maxRows) this.remove(this.entries.keys().next().value as string);
      } else if (this.usable() && !this.current(ticket) && ++recipe.straddled < MAX_STRADDLED && this.isHot(recipe)) {
        this.queue(recipe);
      }
      return value;
    } finally {
      this.running.delete(full);
    }
  }

  private isHot(recipe: Recipe): boolean {
    return this.refreshHotMs > 0 && recipe.readAt >= this.now() - this.refreshHotMs;
  }

  /** Forgets the entries whose key passes `which`, and queues the recently read ones for a background computation. */
  private forget(which: (fullKey: string) => boolean): void {
    for (const [full, entry] of [...this.entries]) {
      if (!which(full)) continue;
      this.remove(full);
      if (this.isHot(entry.recipe)) this.queue(entry.recipe);
    }
  }

  private queue(recipe: Recipe): void {
    this.pending.set(`${recipe.institutionId}|${recipe.key}`, recipe);
    this.schedule();
  }

  /**
   * One round of background computations, one at a time: those queued when it starts, the most recently read first
   * (the report someone is looking at now before the one read ten minutes ago). Whatever is queued meanwhile waits for
   * the next round, `refreshDelayMs` later, so a stream of changes costs at most one computation of each entry per
   * round.
   */
  private async drain(): Promise<void> {
    this.draining = true;
    const round = [...this.pending.values()].sort((a, b) => b.readAt - a.readAt);
    this.pending.clear();
    try {
      for (const recipe of round) {
        const ticket = this.ticket(recipe.institutionId);
        if (!ticket) continue;
        const full = `${recipe.institutionId}|${ticket.version}|${recipe.key}`;
        // Already computed again (a reader came first) or being computed: nothing to do.
        if (this.entries.has(full) || this.running.has(full)) continue;
        try {
          await this.run(ticket, full, recipe);
          this.stats.refreshes += 1;
        } catch (error) {
          this.stats.refreshFailures += 1;
          this.refreshError(error);
        }
      }
    } finally {
      this.draining = false;
      if (this.pending.size > 0) this.schedule();
    }
  }

  private schedule(): void {
    if (this.timer || this.draining) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, this.refreshDelayMs);
    this.timer.unref?.();
  }

  get size(): number {
    return this.entries.size;
  }

  /** The weight of all entries: their number plus their rows. */
  get rows(): number {
    return this.weight;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }

  private usable(): boolean {
    return this.options.ttlMs > 0 && this.listener !== null && this.listener.connected;
  }

  private current(ticket: CacheTicket): boolean {
    return this.usable() && this.versionOf(ticket.institutionId) === ticket.version;
  }

  private versionOf(institutionId: string): string {
    return `${this.epoch}.${this.everywhere}.${this.generations.get(institutionId) ?? 0}`;
  }
}
