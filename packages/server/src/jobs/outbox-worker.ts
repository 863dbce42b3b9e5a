import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { sqlRows } from "../db/sql";
import { systemTransaction, tenantTransaction } from "../db/tenant-transaction";
import { OUTBOX_CHANNEL } from "../modules/notifications/outbox";
import { errorText, LeaseLostError, type ClaimedRow, type OutboxDeliverer } from "../modules/notifications/outbox-delivery";
import type { PgListener } from "../modules/notifications/pg-listener";
import type { OutboxSettings } from "./jobs.config";

export interface OutboxWorkerDeps {
  dataSource: DataSource;
  deliverer: Pick<OutboxDeliverer, "deliver">;
  settings: OutboxSettings;
  logger: Pick<Logger, "info" | "warn" | "error">;
  /** Wake-ups on new rows (NOTIFY outbox); without it the worker only polls. */
  listener?: PgListener;
}

export interface DrainResult {
  delivered: number;
  failed: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Delivers the outbox. Per institution, in its own tenant transaction, it claims a batch with
 * FOR UPDATE SKIP LOCKED (so several workers never take the same row) and leases it (locked_until,
 * attempts + 1) before committing; then delivers each row (idempotently, see OutboxDeliverer) and marks
 * it delivered — or schedules a retry with exponential backoff, giving up after maxAttempts and keeping
 * the row. A worker that dies leaves its rows leased; the lease runs out and another worker takes them.
 */
export class OutboxWorker {
  private readonly dirty = new Set<string>();
  private sweepDue = true;
  private stopping = false;
  private running: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly retryTimers = new Set<NodeJS.Timeout>();

  private napping = false;

  /** How old the last row this worker picked up was (seconds from enqueue to delivery attempt), for /metrics. */
  lastLagSeconds = 0;

  constructor(private readonly deps: OutboxWorkerDeps) {}

  /** Started and waiting for a wake-up (NOTIFY, poll, retry): nothing in hand. */
  get idle(): boolean {
    return this.napping;
  }

  /** Runs until stop(): wakes on NOTIFY for one institution, sweeps every institution each pollMs. */
  async start(): Promise<void> {
    if (this.running) return;
    this.stopping = false;
    await this.deps.listener?.listen(OUTBOX_CHANNEL, (institutionId) => {
      if (UUID.test(institutionId)) this.wake(institutionId);
    });
    this.pollTimer = setInterval(() => {
      this.sweepDue = true;
      this.wake();
    }, this.deps.settings.pollMs);
    this.pollTimer.unref();
    this.sweepDue = true;
    this.running = this.loop();
  }

  /** Finishes the batch in hand, then stops; claimed rows not yet reached stay leased until their lease ends. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.wakeUp?.();
    await this.running;
    this.running = null;
  }

  /** Marks every institution to be looked at (after a listener reconnect, when notifications may be lost). */
  sweepSoon(): void {
    this.sweepDue = true;
    this.wake();
  }

  /** One pass over every institution with nothing left due. For tests and one-off runs. */
  async runOnce(): Promise<DrainResult> {
    const total: DrainResult = { delivered: 0, failed: 0 };
    for (const id of await this.institutionIds()) {
      const result = await this.drainInstitution(id);
      total.delivered += result.delivered;
      total.failed += result.failed;
    }
    return total;
  }

  /** Claims and delivers batches for one institution until none is due (or the worker is stopping). */
  async drainInstitution(institutionId: string): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, failed: 0 };
    for (;;) {
      if (this.stopping) break;
      const rows = await this.claim(institutionId);
      for (const row of rows) {
        if (await this.process(row)) result.delivered += 1;
        else result.failed += 1;
      }
      if (rows.length < this.deps.settings.batchSize) break;
    }
    return result;
  }

  /** Leases up to batchSize due rows of the institution, in id order; rows leased elsewhere are skipped, not waited for. */
  async claim(institutionId: string): Promise<ClaimedRow[]> {
    const { batchSize, leaseMs, maxAttempts } = this.deps.settings;
    const rows = await tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      // Rows whose every claim ended without an answer (the worker died each time) are given up here.
      await m.query(
        `UPDATE outbox SET failed_at = now(), last_error = coalesce(last_error, 'gave up: no worker finished it in ' || attempts || ' attempts')
          WHERE institution_id = $1 AND delivered_at IS NULL AND failed_at IS NULL AND attempts >= $2 AND (locked_until IS NULL OR locked_until < now())`,
        [institutionId, maxAttempts],
      );
      return sqlRows<{
        id: string;
        topic: string;
        payload: Record<string, unknown>;
        attempts: number;
        created_at: Date;
      }>(
        m,
        `WITH due AS (
           SELECT id FROM outbox
            WHERE institution_id = $1 AND delivered_at IS NULL AND failed_at IS NULL AND available_at <= now()
              AND (locked_until IS NULL OR locked_until < now()) AND attempts < $2
            ORDER BY id LIMIT $3
            FOR UPDATE SKIP LOCKED
         )
         UPDATE outbox o SET locked_until = now() + make_interval(secs => $4), attempts = o.attempts + 1
           FROM due WHERE o.id = due.id
         RETURNING o.id, o.topic, o.payload, o.attempts, o.created_at`,
        [institutionId, maxAttempts, batchSize, leaseMs / 1000],
      );
    });
    return rows
      .map((r) => ({
        id: String(r.id),
        institutionId,
        topic: r.topic,
        payload: r.payload ?? {},
        attempts: r.attempts,
        createdAt: r.created_at,
      }))
      .sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  }

  /** Delivers one claimed row and records the outcome; true when delivered. */
  private async process(row: ClaimedRow): Promise<boolean> {
    this.lastLagSeconds = Math.max(0, (Date.now() - new Date(row.createdAt).getTime()) / 1000);
    try {
      await this.deps.deliverer.deliver(row);
    } catch (error) {
      if (error instanceof LeaseLostError) {
        this.deps.logger.warn({ outboxId: row.id }, "outbox lease lost; another worker finishes the row");
        return false;
      }
      await this.markFailed(row, error);
      return false;
    }
    await tenantTransaction(this.deps.dataSource, { institutionId: row.institutionId }, (m) =>
      m.query(`UPDATE outbox SET delivered_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1 AND delivered_at IS NULL`, [
        row.id,
      ]),
    );
    return true;
  }

  private async markFailed(row: ClaimedRow, error: unknown): Promise<void> {
    const { maxAttempts, retryBaseMs, retryMaxMs } = this.deps.settings;
    const delayMs = Math.min(retryBaseMs * 2 ** (row.attempts - 1), retryMaxMs);
    const givingUp = row.attempts >= maxAttempts;
    await tenantTransaction(this.deps.dataSource, { institutionId: row.institutionId }, (m) =>
      m.query(
        `UPDATE outbox SET locked_until = NULL, last_error = $3,
                available_at = CASE WHEN $4 THEN available_at ELSE now() + make_interval(secs => $5) END,
                failed_at = CASE WHEN $4 THEN now() END
          WHERE id = $1 AND attempts = $2 AND delivered_at IS NULL`,
        [row.id, row.attempts, errorText(error), givingUp, delayMs / 1000],
      ),
    );
    const log = {
      outboxId: row.id,
      topic: row.topic,
      attempts: row.attempts,
      error: errorText(error),
    };
    if (givingUp) {
      this.deps.logger.error(log, "outbox row failed too many times; kept with failed_at set");
      return;
    }
    this.deps.logger.warn({ ...log, retryInMs: delayMs }, "outbox delivery failed; will retry");
    if (this.running && !this.stopping) {
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.wake(row.institutionId);
      }, delayMs + 50);
      timer.unref();
      this.retryTimers.add(timer);
    }
  }

  private async institutionIds(): Promise<string[]> {
    const rows = await systemTransaction(this.deps.dataSource, (m) =>
      sqlRows<{ id: string }>(m, `SELECT id FROM institutions ORDER BY id`),
    );
    return rows.map((r) => r.id);
  }

  private wake(institutionId?: string): void {
    if (institutionId) this.dirty.add(institutionId);
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        if (this.sweepDue) {
          this.sweepDue = false;
          for (const id of await this.institutionIds()) this.dirty.add(id);
        }
        while (this.dirty.size > 0 && !this.stopping) {
          const [id] = this.dirty;
          this.dirty.delete(id);
          await this.drainInstitution(id);
        }
        failures = 0;
      } catch (error) {
        // The database is unreachable or a statement failed: back off, then look at everything again.
        failures += 1;
        this.sweepDue = true;
        this.deps.logger.error({ error: errorText(error) }, "outbox worker pass failed");
        await this.nap(Math.min(1000 * 2 ** failures, 30_000));
        continue;
      }
      if (!this.stopping && this.dirty.size === 0 && !this.sweepDue) await this.nap();
    }
  }

  /** Sleeps until woken (NOTIFY, poll, retry timer, stop) or, when given, for at most ms. */
  private nap(ms?: number): Promise<void> {
    this.napping = ms === undefined;
    return new Promise((resolve) => {
      const timer = ms === undefined ? null : setTimeout(() => this.wake(), ms);
      this.wakeUp = () => {
        if (timer) clearTimeout(timer);
        this.napping = false;
        resolve();
      };
    });
  }
}
