import { REPORT_CHANGES_CHANNEL } from "../../db/migrations/1795305602400-ReportChanges";
import type { PgListener } from "../notifications/pg-listener";

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
  /** The clock, for tests. */
  now?: () => number;
}

interface Entry {
  value: unknown;
  expiresAt: number;
  weight: number;
}

/**
 * An exact cache of report results, per server process. Triggers on every table a report reads `pg_notify` the
 * institution whose numbers a committed write may change (migration 1795305602400-ReportChanges); this process LISTENs
 * through the shared LISTEN connection and moves that institution to a new generation, so its older results are never
 * served again. Results are stored under the generation read before their computation began (see CacheTicket).
 *
 * While the LISTEN connection is down, notifications may be lost: the cache is neither read nor written, and after a
 * reconnect (`reset`) everything stored before is forgotten. Concurrent computations of the same key share one run.
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
  private readonly maxEntries: number;
  private readonly maxRows: number;
  private weight = 0;
  private readonly now: () => number;
  /** Counters, for tests and /metrics-style probes. */
  readonly stats = { hits: 0, misses: 0, invalidations: 0 };

  constructor(private readonly options: ReportCacheOptions) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxRows = options.maxRows ?? 200_000;
    this.now = options.now ?? Date.now;
  }

  /** LISTENs for report changes on this process's LISTEN connection. Until then (and while it is down) nothing is cached. */
  async listen(listener: PgListener): Promise<void> {
    await listener.listen(REPORT_CHANGES_CHANNEL, (payload) => this.changed(payload));
    this.listener = listener;
  }

  /** After the LISTEN connection came back: notifications sent while it was down are lost, so forget everything. */
  reset(): void {
    this.epoch += 1;
    this.clear();
  }

  /** A committed change for one institution (its id) or for all ('*'). */
  changed(payload: string): void {
    this.stats.invalidations += 1;
    if (payload === "*") {
      this.everywhere += 1;
      this.clear();
      return;
    }
    this.generations.set(payload, (this.generations.get(payload) ?? 0) + 1);
    const prefix = `${payload}|`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.remove(key);
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
    const run = compute();
    this.running.set(full, run);
    try {
      const value = await run;
      const weight = 1 + rowsOf(value);
      if (this.current(ticket) && weight <= this.maxRows) {
        this.remove(full);
        this.entries.set(full, { value, expiresAt: this.now() + this.options.ttlMs, weight });
        this.weight += weight;
        while (this.entries.size > this.maxEntries || this.weight > this.maxRows) this.remove(this.entries.keys().next().value as string);
      }
      return value;
    } finally {
      this.running.delete(full);
    }
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

  private clear(): void {
    this.entries.clear();
    this.weight = 0;
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
