import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { sqlRows } from "../db/sql";
import { tenantTransaction } from "../db/tenant-transaction";
import { errorText, LeaseLostError, type ClaimedRow, type OutboxDeliverer } from "../modules/notifications/outbox-delivery";
import type { OutboxSettings } from "./jobs.config";

/** Which row an `outbox` job delivers: ids only (ADR 0013), the rest is read in the institution's transaction. */
export interface OutboxRowRef {
  institutionId: string;
  outboxId: string;
}

/**
 * What one attempt did: `delivered`; `retrying` (a delivery failed, another attempt follows); `failed` (given up after
 * maxAttempts, the row kept with failed_at); `done` (nothing to do: delivered or given up before); `busy` (another
 * attempt holds the row); `lease-lost` (another worker took the row over while this one was too slow).
 */
export type OutboxOutcome = "delivered" | "retrying" | "failed" | "done" | "busy" | "lease-lost" | "held";

export interface OutboxJobDeps {
  dataSource: DataSource;
  deliverer: Pick<OutboxDeliverer, "deliver">;
  settings: OutboxSettings;
  logger: Pick<Logger, "info" | "warn" | "error">;
}

/**
 * One attempt at one outbox row, as the `outbox` job that a trigger added with the row runs it. In the institution's
 * tenant transaction it claims the row (attempts + 1 — the fencing token every later step checks — and a lease), has
 * it delivered idempotently (OutboxDeliverer and its ledger, ADR 0006), and marks it delivered; a failure is recorded
 * on the row and graphile-worker retries the job with its backoff, until the row has had maxAttempts.
 */
export class OutboxJob {
  constructor(private readonly deps: OutboxJobDeps) {}

  /**
   * `retryInSeconds`: when graphile-worker runs the job again if this attempt fails (recorded as available_at).
   * `hold`: schedules the row's next job when some of its emails wait for quiet hours to end (outcome `held`); the row
   * keeps that time as available_at and stays undelivered until then.
   */
  async run(ref: OutboxRowRef, retryInSeconds: number, hold?: (runAt: Date) => Promise<void>): Promise<OutboxOutcome> {
    const claim = await this.claim(ref);
    if (typeof claim === "string") return claim;
    let heldUntil: Date | null = null;
    try {
      heldUntil = (await this.deps.deliverer.deliver(claim))?.heldUntil ?? null;
    } catch (error) {
      if (error instanceof LeaseLostError) return this.leaseLost(claim);
      return this.markFailed(claim, error, retryInSeconds);
    }
    if (heldUntil) {
      const recorded = await tenantTransaction(this.deps.dataSource, { institutionId: ref.institutionId }, (m) =>
        sqlRows(
          m,
          `UPDATE outbox SET locked_until = NULL, available_at = $3 WHERE id = $1 AND attempts = $2 AND delivered_at IS NULL RETURNING 1`,
          [claim.id, claim.attempts, heldUntil],
        ),
      );
      if (recorded.length === 0) return this.leaseLost(claim);
      await hold?.(heldUntil);
      return "held";
    }
    await tenantTransaction(this.deps.dataSource, { institutionId: ref.institutionId }, (m) =>
      m.query(`UPDATE outbox SET delivered_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1 AND delivered_at IS NULL`, [
        claim.id,
      ]),
    );
    return "delivered";
  }

  /** Takes the row for this attempt, or says why not. A row whose workers kept dying (attempts used up) is given up here. */
  async claim(ref: OutboxRowRef): Promise<ClaimedRow | "done" | "busy" | "failed"> {
    const { leaseMs, maxAttempts } = this.deps.settings;
    return tenantTransaction(this.deps.dataSource, { institutionId: ref.institutionId }, async (m) => {
      const [row] = await sqlRows<{ attempts: number; finished: boolean; leased: boolean }>(
        m,
        `SELECT attempts, delivered_at IS NOT NULL OR failed_at IS NOT NULL AS finished, coalesce(locked_until > now(), false) AS leased
           FROM outbox WHERE id = $1 FOR UPDATE`,
        [ref.outboxId],
      );
      if (!row || row.finished) return "done";
      if (row.leased) return "busy";
      if (row.attempts >= maxAttempts) {
        await m.query(
          `UPDATE outbox SET failed_at = now(), last_error = coalesce(last_error, 'gave up: no worker finished it in ' || attempts || ' attempts')
            WHERE id = $1`,
          [ref.outboxId],
        );
        this.deps.logger.error({ outboxId: ref.outboxId, attempts: row.attempts }, "outbox row given up: its workers kept dying");
        return "failed";
      }
      const [claimed] = await sqlRows<{
        id: string;
        topic: string;
        payload: Record<string, unknown> | null;
        attempts: number;
        created_at: Date;
      }>(
        m,
        `UPDATE outbox SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
          WHERE id = $1 RETURNING id, topic, payload, attempts, created_at`,
        [ref.outboxId, leaseMs / 1000],
      );
      return {
        id: String(claimed.id),
        institutionId: ref.institutionId,
        topic: claimed.topic,
        payload: claimed.payload ?? {},
        attempts: claimed.attempts,
        createdAt: claimed.created_at,
      };
    });
  }

  private leaseLost(row: ClaimedRow): OutboxOutcome {
    this.deps.logger.warn({ outboxId: row.id }, "outbox row taken over by another worker; it finishes the row");
    return "lease-lost";
  }

  /** Records the failure, fenced by the claim's number: once the row has had maxAttempts it is kept as failed. */
  private async markFailed(row: ClaimedRow, error: unknown, retryInSeconds: number): Promise<OutboxOutcome> {
    const givingUp = row.attempts >= this.deps.settings.maxAttempts;
    const recorded = await tenantTransaction(this.deps.dataSource, { institutionId: row.institutionId }, (m) =>
      sqlRows(
        m,
        `UPDATE outbox SET locked_until = NULL, last_error = $3,
                available_at = CASE WHEN $4 THEN available_at ELSE now() + make_interval(secs => $5) END,
                failed_at = CASE WHEN $4 THEN now() END
          WHERE id = $1 AND attempts = $2 AND delivered_at IS NULL
          RETURNING 1`,
        [row.id, row.attempts, errorText(error), givingUp, retryInSeconds],
      ),
    );
    if (recorded.length === 0) return this.leaseLost(row);
    const log = { outboxId: row.id, topic: row.topic, attempts: row.attempts, error: errorText(error) };
    if (givingUp) {
      this.deps.logger.error(log, "outbox row failed too many times; kept with failed_at set");
      return "failed";
    }
    this.deps.logger.warn({ ...log, retryInSeconds }, "outbox delivery failed; will retry");
    return "retrying";
  }
}
