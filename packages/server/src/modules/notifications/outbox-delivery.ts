import type { DataSource, EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Mailer } from "./mailer";
import { planDelivery, type DeliveryPlan, type PlanContext, type PlannedEmail } from "./notification-plan";
import type { RequestOutboxPayload } from "../../db/outbox";
import type { EventBus, RequestNotificationEvent } from "./pubsub";
import { loadRequestFacts } from "./request-facts";

/** An outbox row as an `outbox` job claimed it. `attempts` is the claim's number: the fencing token of this claim. */
export interface ClaimedRow {
  id: string;
  institutionId: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
}

/** The claim was taken over by another worker (our lease ran out and our jobs were reclaimed): stop, that worker finishes the row. */
export class LeaseLostError extends Error {
  constructor(outboxId: string) {
    super(`outbox row ${outboxId} was claimed by another worker`);
  }
}

export interface OutboxDelivererDeps {
  dataSource: DataSource;
  mailer: Mailer;
  bus: EventBus;
  publicUrl: string;
  /** Signs the "did it happen?" links of nudge emails (modules/requests/meeting-checks). */
  meetingCheckToken?: PlanContext["meetingCheckToken"];
  /** Webhooks (modules/integrations): one delivery per matching endpoint, recorded in the row's fenced transaction. */
  webhooks?: WebhookFanOut;
}

export interface WebhookFanOut {
  /** Records the row's webhook deliveries; each gets its `webhook` job from a trigger, in this same transaction. */
  fanOut(manager: EntityManager, row: ClaimedRow): Promise<number>;
}

/** The one real-time delivery of a row, to all its recipients at once. */
const REALTIME_RECIPIENT = "participants";

/** Stable per row and recipient: the Message-ID and the .eml file name derive from it. */
export const messageKey = (row: Pick<ClaimedRow, "id">, email: Pick<PlannedEmail, "side" | "to">): string =>
  `outbox-${row.id.padStart(12, "0")}-${email.side.toLowerCase()}-${email.to.membershipId}`;

/**
 * Delivers one claimed outbox row on every channel, each at most once per recipient as far as the
 * database knows. For each delivery a row in outbox_deliveries is committed as SENDING before sending
 * and marked SENT after; a delivery already SENT is skipped. A real-time event is marked SENT and its
 * NOTIFY sent in one transaction, so it goes out exactly once. See docs/decisions/0006-outbox-delivery.md.
 */
export class OutboxDeliverer {
  constructor(private readonly deps: OutboxDelivererDeps) {}

  async deliver(row: ClaimedRow): Promise<void> {
    const plan = await this.plan(row);
    await this.fanOutWebhooks(row);
    if (plan.realtime) await this.deliverRealtime(row, plan.realtime);
    for (const email of plan.emails) await this.deliverEmail(row, email);
  }

  async plan(row: ClaimedRow): Promise<DeliveryPlan> {
    if (row.topic === "account.erasure_requested") return this.erasurePlan(row);
    const payload = row.payload as unknown as RequestOutboxPayload;
    const facts = typeof payload.requestId === "string" ? await this.inTenant(row, (m) => loadRequestFacts(m, payload.requestId)) : null;
    return planDelivery(row.topic, payload, facts, {
      publicUrl: this.deps.publicUrl,
      meetingCheckToken: this.deps.meetingCheckToken,
    });
  }

  private async deliverRealtime(row: ClaimedRow, realtime: NonNullable<DeliveryPlan["realtime"]>): Promise<void> {
    const event: RequestNotificationEvent = {
      id: row.id,
      institutionId: row.institutionId,
      requestId: String(row.payload.requestId),
      kind: realtime.kind,
      recipients: realtime.recipients,
      occurredAt: row.createdAt.toISOString(),
    };
    const fresh = await this.inTenant(row, async (m) => {
      await this.fence(m, row);
      const inserted = await sqlRows(
        m,
        `INSERT INTO outbox_deliveries (institution_id, outbox_id, channel, recipient, state, sent_at)
         VALUES ($1, $2, 'REALTIME', $3, 'SENT', now()) ON CONFLICT DO NOTHING RETURNING 1`,
        [row.institutionId, row.id, REALTIME_RECIPIENT],
      );
      if (inserted.length > 0) await this.deps.bus.notifyOthers(m, event);
      return inserted.length > 0;
    });
    // After the commit: this process's own subscribers (its listener ignores its own NOTIFY).
    if (fresh) this.deps.bus.publishLocal(event);
  }

  private async deliverEmail(row: ClaimedRow, email: PlannedEmail): Promise<void> {
    const recipient = email.to.membershipId;
    const key = messageKey(row, email);
    const where = [row.institutionId, row.id, recipient];
    const alreadySent = await this.inTenant(row, async (m) => {
      await this.fence(m, row);
      const [existing] = await sqlRows<{ state: string }>(
        m,
        `SELECT state FROM outbox_deliveries WHERE institution_id = $1 AND outbox_id = $2 AND channel = 'EMAIL' AND recipient = $3 FOR UPDATE`,
        where,
      );
      if (existing?.state === "SENT") return true;
      if (existing) {
        await m.query(
          `UPDATE outbox_deliveries SET attempts = attempts + 1, started_at = now() WHERE institution_id = $1 AND outbox_id = $2 AND channel = 'EMAIL' AND recipient = $3`,
          where,
        );
      } else {
        await m.query(
          `INSERT INTO outbox_deliveries (institution_id, outbox_id, channel, recipient, state, message_key) VALUES ($1, $2, 'EMAIL', $3, 'SENDING', $4)`,
          [...where, key],
        );
      }
      return false;
    });
    if (alreadySent) return;
    try {
      await this.deps.mailer.send({
        to: email.to.email,
        subject: email.subject,
        text: email.text,
        attachments: email.attachments,
        key,
      });
    } catch (error) {
      await this.inTenant(row, (m) =>
        m.query(
          `UPDATE outbox_deliveries SET last_error = $4 WHERE institution_id = $1 AND outbox_id = $2 AND channel = 'EMAIL' AND recipient = $3`,
          [...where, errorText(error)],
        ),
      );
      throw error;
    }
    await this.inTenant(row, (m) =>
      m.query(
        `UPDATE outbox_deliveries SET state = 'SENT', sent_at = now(), last_error = NULL WHERE institution_id = $1 AND outbox_id = $2 AND channel = 'EMAIL' AND recipient = $3`,
        where,
      ),
    );
  }

  private async fanOutWebhooks(row: ClaimedRow): Promise<void> {
    const webhooks = this.deps.webhooks;
    if (!webhooks) return;
    await this.inTenant(row, async (m) => {
      await this.fence(m, row);
      return webhooks.fanOut(m, row);
    });
  }

  /** Holds the row for this transaction and checks the claim is still ours (no later claim bumped attempts). */
  private async fence(m: EntityManager, row: ClaimedRow): Promise<void> {
    const mine = await sqlRows(m, `SELECT 1 FROM outbox WHERE id = $1 AND attempts = $2 AND delivered_at IS NULL FOR UPDATE`, [
      row.id,
      row.attempts,
    ]);
    if (mine.length === 0) throw new LeaseLostError(row.id);
  }

  /** "Your account will be deleted on …": read at delivery time; nothing is sent once cancelled or done. */
  private async erasurePlan(row: ClaimedRow): Promise<DeliveryPlan> {
    const membershipId = String((row.payload as Record<string, unknown>).membershipId ?? "");
    const [person] = await this.inTenant(row, (m) =>
      sqlRows<{ name: string; email: string; due_at: Date; institution: string; time_zone: string }>(
        m,
        `SELECT idn.display_name AS name, idn.email, ms.erasure_due_at AS due_at, i.name AS institution, i.time_zone
           FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id JOIN institutions i ON i.id = ms.institution_id
          WHERE ms.institution_id = $1 AND ms.id = $2 AND ms.erasure_due_at IS NOT NULL AND ms.erased_at IS NULL`,
        [row.institutionId, membershipId],
      ),
    );
    if (!person) return { realtime: null, emails: [] };
    const due = person.due_at.toISOString().slice(0, 10);
    return {
      realtime: null,
      emails: [
        {
          side: "STUDENT",
          to: { membershipId, name: person.name, email: person.email, timeZone: person.time_zone },
          subject: `Your ${person.institution} Infoview account will be deleted on ${due}`,
          text: [
            `Hello ${person.name},`,
            "",
            `You asked to delete your account. On ${due} (UTC) everything ${person.institution}'s Infoview holds about you will be erased: your profile, messages, notes and contact log. The people you met keep their own notes, without your name.`,
            "",
            `Changed your mind? Sign in before then and choose "Cancel deletion" on your account page: ${this.deps.publicUrl}/account`,
            `Want a copy first? "Download my data" on the same page.`,
          ].join("\n"),
          attachments: [],
        },
      ],
    };
  }

  private inTenant<T>(row: ClaimedRow, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return tenantTransaction(this.deps.dataSource, { institutionId: row.institutionId }, fn);
  }
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}
