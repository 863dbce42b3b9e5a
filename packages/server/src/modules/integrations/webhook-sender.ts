import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { errorText } from "../notifications";
import { guardedLookup, isPrivateAddress, PrivateAddressError, type LookupAll } from "./network-guard";
import { DELIVERY_ID_HEADER, EVENT_HEADER, EVENT_ID_HEADER, SIGNATURE_HEADER, webhookSignature } from "./webhook-signature";

export interface WebhookSettings {
  /** Attempts before a delivery is FAILED (it can still be replayed). */
  maxAttempts: number;
  /** How long the receiver has to answer. */
  timeoutMs: number;
  /** How long an attempt may hold its delivery; a sender that dies is replaced after it (jobs/reclaim.ts). */
  leaseMs: number;
  /** Send to loopback and private networks too (WEBHOOK_ALLOW_PRIVATE_NETWORKS; off by default: SSRF guard). */
  allowPrivateNetworks: boolean;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  // With graphile-worker's backoff (exp(n) seconds after the nth attempt), nine attempts span about 80 minutes.
  maxAttempts: 9,
  timeoutMs: 10_000,
  leaseMs: 60_000,
  allowPrivateNetworks: false,
};

/** Which delivery a `webhook` job sends: ids only, the rest is read in the institution's transaction. */
export interface WebhookDeliveryRef {
  institutionId: string;
  deliveryId: string;
}

/**
 * What one attempt did: `delivered`; `retrying` (a receiver error, another attempt follows); `failed` (given up, or the
 * endpoint is paused or gone: kept as FAILED, replayable); `done` (nothing to do: sent or given up before); `busy`
 * (another sender holds it); `lease-lost` (another sender took it over while this one was too slow).
 */
export type WebhookOutcome = "delivered" | "retrying" | "failed" | "done" | "busy" | "lease-lost";

interface Claimed {
  id: string;
  institutionId: string;
  eventId: string;
  event: string;
  body: string;
  attempts: number;
  url: string | null;
  secret: string | null;
  active: boolean | null;
}

/**
 * Sends one webhook delivery per call, as the `webhook` job that its row's insert added (jobs/, ADR 0013). It claims the
 * row in the institution's transaction (attempts + 1, a lease), POSTs the signed body, and records the answer: DELIVERED
 * on 2xx; otherwise PENDING with the time graphile-worker will try again, or FAILED after maxAttempts.
 */
export class WebhookSender {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      settings: WebhookSettings;
      logger: Pick<Logger, "warn" | "error">;
      /** DNS resolution, for tests (default: the system resolver). */
      lookup?: LookupAll;
    },
  ) {}

  /** One attempt; `retryInSeconds` is when the job runs again if this attempt fails (shown as nextAttemptAt). */
  async send(ref: WebhookDeliveryRef, retryInSeconds: number): Promise<WebhookOutcome> {
    const claim = await this.claim(ref);
    if (typeof claim === "string") return claim;
    const d = claim;
    if (!d.url || !d.secret || !d.active) return this.record(d, null, "the endpoint is paused or deleted", true, retryInSeconds);
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
    return this.record(d, status, error, false, retryInSeconds);
  }

  /** Takes the delivery for this attempt, or says why not. A delivery whose senders kept dying is given up here. */
  private claim(ref: WebhookDeliveryRef): Promise<Claimed | "done" | "busy" | "failed"> {
    const { leaseMs, maxAttempts } = this.deps.settings;
    return tenantTransaction(this.deps.dataSource, { institutionId: ref.institutionId }, async (m) => {
      const [row] = await sqlRows<{ state: string; attempts: number; leased: boolean }>(
        m,
        `SELECT state, attempts, coalesce(locked_until > now(), false) AS leased FROM webhook_deliveries WHERE id = $1 FOR UPDATE`,
        [ref.deliveryId],
      );
      if (!row || row.state !== "PENDING") return "done";
      if (row.leased) return "busy";
      if (row.attempts >= maxAttempts) {
        await m.query(
          `UPDATE webhook_deliveries SET state = 'FAILED', last_error = coalesce(last_error, 'gave up: no sender finished it in ' || attempts || ' attempts')
            WHERE id = $1`,
          [ref.deliveryId],
        );
        return "failed";
      }
      const [claimed] = await sqlRows<Claimed>(
        m,
        `WITH claimed AS (
           UPDATE webhook_deliveries SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1, last_attempt_at = now()
            WHERE id = $1
           RETURNING id, institution_id, endpoint_id, event_id, event, payload, attempts
         )
         SELECT c.id, c.institution_id AS "institutionId", c.event_id AS "eventId", c.event, c.payload::text AS body, c.attempts,
                e.url, e.secret, e.active
           FROM claimed c LEFT JOIN webhook_endpoints e ON e.institution_id = c.institution_id AND e.id = c.endpoint_id`,
        [ref.deliveryId, leaseMs / 1000],
      );
      return claimed;
    });
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

  /** Records the answer, fenced by the claim's attempt number: a sender that was taken over records nothing. */
  private async record(
    d: Claimed,
    status: number | null,
    error: string | null,
    giveUp: boolean,
    retryInSeconds: number,
  ): Promise<WebhookOutcome> {
    const outcome: WebhookOutcome = !error ? "delivered" : giveUp || d.attempts >= this.deps.settings.maxAttempts ? "failed" : "retrying";
    const state = { delivered: "DELIVERED", failed: "FAILED", retrying: "PENDING" }[outcome as "delivered" | "failed" | "retrying"];
    const recorded = await tenantTransaction(this.deps.dataSource, { institutionId: d.institutionId }, (m) =>
      sqlRows(
        m,
        `UPDATE webhook_deliveries SET locked_until = NULL, last_status = $3, last_error = $4,
                state = $5, delivered_at = CASE WHEN $5 = 'DELIVERED' THEN now() END,
                next_attempt_at = CASE WHEN $5 = 'PENDING' THEN now() + make_interval(secs => $6) ELSE next_attempt_at END
          WHERE id = $1 AND attempts = $2 AND state = 'PENDING'
          RETURNING 1`,
        [d.id, d.attempts, status, error, state, retryInSeconds],
      ),
    );
    if (recorded.length === 0) {
      this.deps.logger.warn(
        { deliveryId: d.id, attempts: d.attempts },
        "webhook delivery taken over by another sender; it records the outcome",
      );
      return "lease-lost";
    }
    if (outcome !== "delivered")
      this.deps.logger.warn({ deliveryId: d.id, attempts: d.attempts, status, error, outcome }, "webhook delivery failed");
    return outcome;
  }
}
