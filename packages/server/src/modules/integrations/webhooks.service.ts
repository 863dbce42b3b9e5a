import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { ServiceDeps } from "../../service-deps";
import { decodeCursor, toPage } from "../../shared/cursor-pagination";
import { webhookDeliveryNotFound, webhookEndpointNotFound, webhookUrlInvalid, webhookUrlPrivate } from "./integrations.errors";
import { lookupAll, privateTarget, type LookupAll } from "./network-guard";
import { auditActor, type Actor } from "./principal";
import { changedValues, recordAudit } from "../audit";
import { newWebhookSecret } from "./webhook-signature";
import {
  WEBHOOK_EVENTS,
  type CreateWebhookEndpointInput,
  type UpdateWebhookEndpointInput,
  type WebhookDelivery,
  type WebhookDeliveryConnection,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from "./webhooks.types";

const ENDPOINT_COLUMNS = `id, url, description, events, active, created_at AS "createdAt"`;
export const DELIVERY_COLUMNS = `id, endpoint_id AS "endpointId", event_id AS "eventId", event, state, attempts, last_status AS "lastStatus",
  last_error AS "lastError", last_attempt_at AS "lastAttemptAt", CASE WHEN state = 'PENDING' THEN next_attempt_at END AS "nextAttemptAt",
  delivered_at AS "deliveredAt", replay_of AS "replayOf", created_at AS "createdAt", payload::text AS body, created_at::text AS "cursorKey"`;

/** An outbox row as the fan-out needs it. */
export interface OutboxEvent {
  id: string;
  institutionId: string;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** The JSON body every delivery of an event carries (and is signed over). */
export interface WebhookBody {
  id: string;
  type: string;
  createdAt: string;
  institutionId: string;
  data: Record<string, unknown>;
}

/**
 * Webhook endpoints, the delivery log, replays, and the fan-out the outbox deliverer calls for each row. Each new
 * PENDING delivery gets its `webhook` job from a trigger, in the transaction that inserts it (ADR 0013).
 */
/** What the audit log keeps of an endpoint's settings (never its secret). */
const endpointSettings = (e: WebhookEndpoint): Record<string, unknown> => ({
  url: e.url,
  description: e.description,
  events: [...e.events].sort(),
  active: e.active,
});

export class WebhooksService {
  constructor(
    private readonly deps: Pick<ServiceDeps, "dataSource" | "config">,
    /** DNS resolution for the registration check (tests set their own). */
    public lookup: LookupAll = lookupAll,
  ) {}

  private inTenant<T>(actor: Actor, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return tenantTransaction(this.deps.dataSource, { institutionId: actor.institutionId }, fn);
  }

  private async checkUrl(raw: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      throw webhookUrlInvalid("This is not a valid URL.");
    }
    const allowed = this.deps.config.nodeEnv === "production" ? ["https:"] : ["https:", "http:"];
    if (!allowed.includes(url.protocol)) throw webhookUrlInvalid(`Use a ${allowed.join(" or ")} URL.`);
    if (url.username || url.password) throw webhookUrlInvalid("Do not put credentials in the URL; verify the signature instead.");
    if (!this.deps.config.webhookAllowPrivateNetworks) {
      const address = await privateTarget(url.hostname, this.lookup);
      if (address) throw webhookUrlPrivate(url.hostname, address);
    }
    return url.toString();
  }

  private audit(
    m: EntityManager,
    actor: Actor,
    action: "webhook.created" | "webhook.updated" | "webhook.deleted" | "webhook.replayed",
    endpointId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    return recordAudit(m, {
      institutionId: actor.institutionId,
      actor: auditActor(actor),
      action,
      target: { type: "webhook_endpoint", id: endpointId },
      before,
      after,
    });
  }

  async endpoints(actor: Actor): Promise<WebhookEndpoint[]> {
    return this.inTenant(actor, (m) =>
      sqlRows<WebhookEndpoint>(m, `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`),
    );
  }

  async createEndpoint(actor: Actor, input: CreateWebhookEndpointInput): Promise<WebhookEndpointWithSecret> {
    const url = await this.checkUrl(input.url);
    const secret = newWebhookSecret();
    const [endpoint] = await this.inTenant(actor, async (m) => {
      const rows = await sqlRows<WebhookEndpoint>(
        m,
        `INSERT INTO webhook_endpoints (institution_id, url, description, secret, events) VALUES ($1, $2, $3, $4, $5) RETURNING ${ENDPOINT_COLUMNS}`,
        [actor.institutionId, url, input.description?.trim() ?? "", secret, [...new Set(input.events)]],
      );
      await this.audit(m, actor, "webhook.created", rows[0].id, null, endpointSettings(rows[0]));
      return rows;
    });
    return { endpoint, secret };
  }

  async updateEndpoint(actor: Actor, id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    const url = input.url === undefined || input.url === null ? null : await this.checkUrl(input.url);
    const [endpoint] = await this.inTenant(actor, async (m) => {
      const [before] = await sqlRows<WebhookEndpoint>(m, `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1`, [id]);
      const rows = await sqlRows<WebhookEndpoint>(
        m,
        `UPDATE webhook_endpoints SET url = coalesce($2, url), events = coalesce($3, events), active = coalesce($4, active),
                description = coalesce($5, description), updated_at = now()
          WHERE id = $1 RETURNING ${ENDPOINT_COLUMNS}`,
        [id, url, input.events ? [...new Set(input.events)] : null, input.active ?? null, input.description?.trim() ?? null],
      );
      const changed = before && rows[0] ? changedValues(endpointSettings(before), endpointSettings(rows[0])) : null;
      if (changed) await this.audit(m, actor, "webhook.updated", id, changed.before, changed.after);
      return rows;
    });
    if (!endpoint) throw webhookEndpointNotFound();
    return endpoint;
  }

  async deleteEndpoint(actor: Actor, id: string): Promise<boolean> {
    const rows = await this.inTenant(actor, async (m) => {
      const deleted = await sqlRows<WebhookEndpoint>(m, `DELETE FROM webhook_endpoints WHERE id = $1 RETURNING ${ENDPOINT_COLUMNS}`, [id]);
      if (deleted[0]) await this.audit(m, actor, "webhook.deleted", id, endpointSettings(deleted[0]), null);
      return deleted;
    });
    if (rows.length === 0) throw webhookEndpointNotFound();
    return true;
  }

  async deliveries(actor: Actor, endpointId: string, first: number, after: string | null): Promise<WebhookDeliveryConnection> {
    const cursor = decodeCursor(after);
    const rows = await this.inTenant(actor, async (m) => {
      const found = await sqlRows(m, `SELECT 1 FROM webhook_endpoints WHERE id = $1`, [endpointId]);
      if (found.length === 0) throw webhookEndpointNotFound();
      return sqlRows<WebhookDelivery & { cursorKey: string }>(
        m,
        `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
          WHERE endpoint_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
          ORDER BY created_at DESC, id DESC LIMIT $4`,
        [endpointId, cursor?.key ?? null, cursor?.id ?? null, first + 1],
      );
    });
    return toPage(
      rows.slice(0, first),
      rows.length > first,
      (r) => ({ key: r.cursorKey, id: r.id }),
      (r) => r,
    );
  }

  /** Sends an event again as a new delivery with the same event id (so receivers that already have it can ignore it). */
  async replay(actor: Actor, deliveryId: string): Promise<WebhookDelivery> {
    const [delivery] = await this.inTenant(actor, async (m) => {
      const rows = await sqlRows<WebhookDelivery>(
        m,
        `INSERT INTO webhook_deliveries (institution_id, endpoint_id, outbox_id, event_id, event, payload, replay_of)
         SELECT d.institution_id, d.endpoint_id, d.outbox_id, d.event_id, d.event, d.payload, d.id
           FROM webhook_deliveries d JOIN webhook_endpoints e ON e.institution_id = d.institution_id AND e.id = d.endpoint_id
          WHERE d.id = $1 AND e.active
         RETURNING ${DELIVERY_COLUMNS}`,
        [deliveryId],
      );
      if (rows[0]) await this.audit(m, actor, "webhook.replayed", rows[0].endpointId, null, { deliveryId, replayId: rows[0].id });
      return rows;
    });
    if (!delivery) throw webhookDeliveryNotFound();
    return delivery;
  }

  /**
   * Called by the outbox deliverer inside its fenced transaction: one delivery per active endpoint that
   * wants this event, at most once per (row, endpoint) however often the row is retried. Returns how many.
   */
  async fanOut(m: EntityManager, row: OutboxEvent): Promise<number> {
    if (!WEBHOOK_EVENTS.includes(row.topic)) return 0;
    const endpoints = await sqlRows<{ id: string }>(m, `SELECT id FROM webhook_endpoints WHERE active AND $1 = ANY(events)`, [row.topic]);
    if (endpoints.length === 0) return 0;
    const body: WebhookBody = {
      id: `evt_${row.id}`,
      type: row.topic,
      createdAt: row.createdAt.toISOString(),
      institutionId: row.institutionId,
      data: await this.eventData(m, row),
    };
    const inserted = await sqlRows(
      m,
      `INSERT INTO webhook_deliveries (institution_id, endpoint_id, outbox_id, event_id, event, payload)
       SELECT $1, e.id, $2, $3, $4, $5 FROM unnest($6::uuid[]) AS e(id)
       ON CONFLICT (institution_id, endpoint_id, outbox_id) WHERE replay_of IS NULL DO NOTHING RETURNING id`,
      [row.institutionId, row.id, body.id, row.topic, JSON.stringify(body), endpoints.map((e) => e.id)],
    );
    return inserted.length;
  }

  /** Ids and states only, plus the institution's own external ids; integrations read details with requests:read. */
  private async eventData(m: EntityManager, row: OutboxEvent): Promise<Record<string, unknown>> {
    const p = row.payload;
    if (row.topic === "person.erased") {
      // The erasure already replaced everything personal; the payload keeps the institution's own external id.
      return { membershipId: p.membershipId, externalId: p.externalId ?? null, role: p.role ?? null };
    }
    if (row.topic === "consent.withdrawn" || row.topic === "consent.given") {
      const [person] = await sqlRows<{ role: string; external_id: string | null }>(
        m,
        `SELECT role, external_id FROM memberships WHERE id = $1`,
        [p.membershipId],
      );
      return {
        membershipId: p.membershipId,
        externalId: person?.external_id ?? null,
        role: person?.role ?? null,
        kind: p.kind,
        // consent.given names the text version agreed to.
        ...(row.topic === "consent.given" ? { version: p.version ?? null } : {}),
      };
    }
    const [request] = await sqlRows<{
      state: string;
      student_id: string;
      student_ext: string | null;
      alumnus_id: string;
      alumnus_ext: string | null;
    }>(
      m,
      `SELECT r.state, r.student_id, s.external_id AS student_ext, r.alumnus_id, a.external_id AS alumnus_ext
         FROM interview_requests r JOIN memberships s ON s.institution_id = r.institution_id AND s.id = r.student_id
         JOIN memberships a ON a.institution_id = r.institution_id AND a.id = r.alumnus_id
        WHERE r.id = $1`,
      [p.requestId],
    );
    return {
      requestId: p.requestId,
      state: p.to ?? request?.state ?? null,
      previousState: p.from ?? null,
      actor: p.actor ?? null,
      student: { membershipId: request?.student_id ?? p.studentId ?? null, externalId: request?.student_ext ?? null },
      alumnus: { membershipId: request?.alumnus_id ?? p.alumnusId ?? null, externalId: request?.alumnus_ext ?? null },
      // Closed because the institution deactivated this side (deactivatePeople).
      ...(p.deactivated === "STUDENT" || p.deactivated === "ALUMNUS" ? { deactivated: p.deactivated } : {}),
    };
  }
}
