import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { sqlRows } from "../../db/sql";
import { systemTransaction, tenantTransaction } from "../../db/tenant-transaction";
import { errorText } from "../notifications/outbox-delivery";
import { guardedLookup, isPrivateAddress, PrivateAddressError, type LookupAll } from "./network-guard";
import { DELIVERY_ID_HEADER, EVENT_HEADER, EVENT_ID_HEADER, SIGNATURE_HEADER, webhookSignature } from "./webhook-signature";

export interface WebhookSettings {
  /** Deliveries claimed per transaction. */
  batchSize: number;
  /** Attempts before a delivery is FAILED (it can still be replayed). */
  maxAttempts: number;
  /** First retry delay; doubles per attempt up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long the receiver has to answer. */
  timeoutMs: number;
  /** A claim keeps other senders away this long; a sender that dies is replaced after it. */
  leaseMs: number;
  /** Sweep for due retries this often, besides wake-ups. */
  pollMs: number;
  /** Send to loopback and private networks too (WEBHOOK_ALLOW_PRIVATE_NETWORKS; off by default: SSRF guard). */
  allowPrivateNetworks: boolean;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  batchSize: 20,
  maxAttempts: 8,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  timeoutMs: 10_000,
  leaseMs: 60_000,
  pollMs: 5_000,
  allowPrivateNetworks: false,
};

interface Claimed {
  id: string;
  institutionId: string;
  endpointId: string;
  eventId: string;
  event: string;
  body: string;
  attempts: number;
  url: string | null;
  secret: string | null;
  active: boolean | null;
}

export interface SendResult {
  delivered: number;
  failed: number;
  retrying: number;
}

/**
 * Sends due webhook deliveries. Like the outbox worker: per institution it claims a batch with FOR UPDATE
 * SKIP LOCKED and leases it (attempts + 1), POSTs each signed body, and records the answer — DELIVERED on
 * 2xx, otherwise a retry after an exponential backoff, FAILED after maxAttempts.
 */
export class WebhookSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      settings: WebhookSettings;
      logger: Pick<Logger, "warn" | "error">;
      /** DNS resolution, for tests (default: the system resolver). */
      lookup?: LookupAll;
    },
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.deps.settings.pollMs);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs a pass soon (once more if one is running). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.runOnce();
        } catch (error) {
          this.deps.logger.error({ error: errorText(error) }, "webhook sender pass failed");
        }
      } while (this.again && !this.stopped);
      this.running = null;
    })();
  }

  /** Every institution, until nothing is due. */
  async runOnce(): Promise<SendResult> {
    const total: SendResult = { delivered: 0, failed: 0, retrying: 0 };
    const institutions = await systemTransaction(this.deps.dataSource, (m) =>
      sqlRows<{ id: string }>(m, `SELECT id FROM institutions ORDER BY id`),
    );
    for (const { id } of institutions) {
      const result = await this.sendDue(id);
      total.delivered += result.delivered;
      total.failed += result.failed;
      total.retrying += result.retrying;
    }
    return total;
  }

  async sendDue(institutionId: string): Promise<SendResult> {
    const result: SendResult = { delivered: 0, failed: 0, retrying: 0 };
    for (;;) {
      const batch = await this.claim(institutionId);
      for (const delivery of batch) {
        const outcome = await this.send(delivery);
        result[outcome] += 1;
      }
      if (batch.length < this.deps.settings.batchSize) return result;
    }
  }

  private claim(institutionId: string): Promise<Claimed[]> {
    const { batchSize, leaseMs } = this.deps.settings;
    return tenantTransaction(this.deps.dataSource, { institutionId }, (m) =>
      sqlRows<Claimed>(
        m,
        `WITH due AS (
           SELECT id FROM webhook_deliveries
            WHERE institution_id = $1 AND state = 'PENDING' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
            ORDER BY next_attempt_at, id LIMIT $2
            FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE webhook_deliveries d SET locked_until = now() + make_interval(secs => $3), attempts = d.attempts + 1, last_attempt_at = now()
             FROM due WHERE d.id = due.id
           RETURNING d.id, d.institution_id, d.endpoint_id, d.outbox_id, d.event_id, d.event, d.payload, d.attempts, d.created_at
         )
         SELECT c.id, c.institution_id AS "institutionId", c.endpoint_id AS "endpointId", c.event_id AS "eventId", c.event,
                c.payload::text AS body, c.attempts, e.url, e.secret, e.active
           FROM claimed c LEFT JOIN webhook_endpoints e ON e.institution_id = c.institution_id AND e.id = c.endpoint_id
          ORDER BY c.outbox_id, c.created_at, c.id`,
        [institutionId, batchSize, leaseMs / 1000],
      ),
    );
  }

  private async send(d: Claimed): Promise<keyof SendResult> {
    if (!d.url || !d.secret || !d.active) return this.record(d, null, "the endpoint is paused or deleted", true);
    const timestamp = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await this.post(d.url, d.body, {
        "content-type": "application/json",
        "user-agent": "Infoview-Webhooks/1",
        [SIGNATURE_HEADER]: webhookSignature(d.secret, d.body, timestamp),
        [EVENT_ID_HEADER]: d.eventId,
        [EVENT_HEADER]: d.event,
        [DELIVERY_ID_HEADER]: d.id,
      });
      status = response.status;
      if (status < 200 || status >= 300) error = `HTTP ${status}: ${response.text.slice(0, 300)}`;
    } catch (e) {
      error = errorText(e);
    }
    return this.record(d, status, error, false);
  }

  /**
   * POSTs the body and reads the status and the start of the answer; redirects are not followed. Unless
   * private networks are allowed, the receiver's address is checked after DNS resolution, and the
   * connection goes to that same address (a lookup hook), so no later DNS answer can slip past the check.
   */
  private post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, "");
    const guard = !this.deps.settings.allowPrivateNetworks;
    if (guard && isIP(host) && isPrivateAddress(host)) return Promise.reject(new PrivateAddressError(host, host));
    const request = target.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        target,
        {
          method: "POST",
          headers: { ...headers, "content-length": Buffer.byteLength(body) },
          signal: AbortSignal.timeout(this.deps.settings.timeoutMs),
          // A fresh connection each time: a pooled socket could have been opened without this request's check.
          agent: false,
          ...(guard ? { lookup: guardedLookup(this.deps.lookup) as never } : {}),
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            if (text.length < 1000) text += chunk;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  private async record(d: Claimed, status: number | null, error: string | null, giveUp: boolean): Promise<keyof SendResult> {
    const { maxAttempts, retryBaseMs, retryMaxMs } = this.deps.settings;
    const outcome: keyof SendResult = !error ? "delivered" : giveUp || d.attempts >= maxAttempts ? "failed" : "retrying";
    const delayMs = Math.min(retryBaseMs * 2 ** (d.attempts - 1), retryMaxMs);
    await tenantTransaction(this.deps.dataSource, { institutionId: d.institutionId }, (m) =>
      m.query(
        `UPDATE webhook_deliveries SET locked_until = NULL, last_status = $3, last_error = $4,
                state = $5, delivered_at = CASE WHEN $5 = 'DELIVERED' THEN now() END,
                next_attempt_at = CASE WHEN $5 = 'PENDING' THEN now() + make_interval(secs => $6) ELSE next_attempt_at END
          WHERE id = $1 AND attempts = $2 AND state = 'PENDING'`,
        [d.id, d.attempts, status, error, { delivered: "DELIVERED", failed: "FAILED", retrying: "PENDING" }[outcome], delayMs / 1000],
      ),
    );
    if (outcome !== "delivered")
      this.deps.logger.warn({ deliveryId: d.id, attempts: d.attempts, status, error, outcome }, "webhook delivery failed");
    return outcome;
  }
}
