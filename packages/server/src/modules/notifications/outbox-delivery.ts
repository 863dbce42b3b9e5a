import type { DataSource, EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Mailer } from "./mailer";
import { planDelivery, type DeliveryPlan, type PlanContext, type PlannedEmail } from "./notification-plan";
import type { RequestOutboxPayload } from "../../db/outbox";
import type { EventBus, RequestNotificationEvent } from "./pubsub";
import { loadRequestFacts } from "./request-facts";
import { KIND_RULES, kindOfTopic, type NotificationKind } from "./notification-kinds";
import { preferencesOfMembers, type PersonPreferences } from "./preferences.service";
import { quietUntil } from "./quiet-hours";
import { planDigest, type AdvisorListsSource, type DigestActionLink, type DigestPayload } from "./digests";
import type { LinkSigner } from "./signed-links";
import { PREFERENCES_PATH, unsubscribeHeaders, unsubscribeUrl } from "./unsubscribe";
import { emailHtml } from "./templates/email-layout";
import { erasureRequestedEmail } from "./templates/account-emails";
import { emailLocale, emailLocaleSql, wordsFor, type EmailLocale } from "./templates/i18n/words";
import { storeInAppItems, type InAppItem } from "./in-app.service";
import { planArrangement, type ArrangementPayload } from "./accommodation-arrangement";
import { planVolunteerInvitation } from "./volunteer-invitation";

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
  /** Signs each email's one-click unsubscribe link (List-Unsubscribe, RFC 8058); without it emails carry none. */
  unsubscribeSigner?: LinkSigner;
  /** An address that takes unsubscribe requests by email too (optional, UNSUBSCRIBE_MAILTO). */
  unsubscribeMailto?: string | null;
  /** Signs a digest's accept and decline links (modules/requests/digest-actions). */
  digestActionLink?: DigestActionLink;
  /** The advisors' needs-action lists (modules/reports), for their digest; without it no advisor digest is sent. */
  advisorLists?: AdvisorListsSource;
  /** The clock quiet hours are judged by (tests set it). */
  now?: () => Date;
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

  /**
   * Delivers what the person's preferences let through (ADR 0024): an email whose kind they set to a digest or off is
   * not sent now; one that falls in their quiet hours is held, unless its kind cannot wait. Returns when the held
   * emails are due (the row is delivered again then; what was sent is not sent twice), or null when nothing was held.
   */
  async deliver(row: ClaimedRow): Promise<{ heldUntil: Date | null }> {
    const now = this.deps.now?.() ?? new Date();
    const plan = await this.plan(row);
    await this.fanOutWebhooks(row);
    const kind = kindOfTopic(row.topic, row.payload as Partial<RequestOutboxPayload>);
    const people = [...new Set([...(plan.realtime?.recipients ?? []), ...plan.emails.map((e) => e.to.membershipId)])];
    const prefs =
      kind && people.length > 0
        ? await this.inTenant(row, (m) => preferencesOfMembers(m, row.institutionId, people))
        : new Map<string, PersonPreferences>();
    if (plan.realtime) {
      const muted = kind ? plan.realtime.recipients.filter((id) => prefs.get(id)?.choices[kind].inApp === false) : [];
      await this.deliverRealtime(row, plan.realtime, muted, kind ? inAppItems(kind, plan, prefs, row.payload.actor) : []);
    }
    let heldUntil: Date | null = null;
    for (const email of plan.emails) {
      const decision = kind
        ? emailDecision(kind, prefs.get(email.to.membershipId), now, row.topic.startsWith("digest."))
        : { send: true as const };
      if (decision.send === false) continue;
      if (decision.send === "later") {
        if (!heldUntil || decision.at < heldUntil) heldUntil = decision.at;
        continue;
      }
      const person = kind ? prefs.get(email.to.membershipId) : undefined;
      await this.deliverEmail(row, email, kind && person ? this.listHeaders(row, person.identityId, kind, now, email.locale) : null);
    }
    return { heldUntil };
  }

  async plan(row: ClaimedRow): Promise<DeliveryPlan> {
    if (row.topic.startsWith("digest.")) {
      const emails = await this.inTenant(row, (m) =>
        planDigest(m, row.institutionId, row.payload as unknown as DigestPayload, {
          publicUrl: this.deps.publicUrl,
          actionLink: this.deps.digestActionLink,
          meetingCheckToken: this.deps.meetingCheckToken,
          advisorLists: this.deps.advisorLists,
        }),
      );
      return { realtime: null, emails };
    }
    if (row.topic === "account.erasure_requested") return this.erasurePlan(row);
    if (row.topic === "graduation.volunteer_invitation")
      return {
        realtime: null,
        emails: await this.inTenant(row, (m) => planVolunteerInvitation(m, row.institutionId, row.payload, this.deps.publicUrl)),
      };
    if (row.topic === "accommodation.arrange") {
      const payload = row.payload as unknown as ArrangementPayload;
      return {
        realtime: null,
        emails: await this.inTenant(row, (m) => planArrangement(m, row.institutionId, payload, this.deps.publicUrl)),
      };
    }
    const payload = row.payload as unknown as RequestOutboxPayload;
    const facts = typeof payload.requestId === "string" ? await this.inTenant(row, (m) => loadRequestFacts(m, payload.requestId)) : null;
    return planDelivery(row.topic, payload, facts, {
      publicUrl: this.deps.publicUrl,
      meetingCheckToken: this.deps.meetingCheckToken,
    });
  }

  private async deliverRealtime(
    row: ClaimedRow,
    realtime: NonNullable<DeliveryPlan["realtime"]>,
    muted: string[] = [],
    inApp: InAppItem[] = [],
  ): Promise<void> {
    const event: RequestNotificationEvent = {
      ...(muted.length > 0 ? { muted } : {}),
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
      if (inserted.length === 0) return false;
      // The notification centre's items go with the one real-time delivery: written once, announced by the same event.
      const kind = kindOfTopic(row.topic, row.payload as Partial<RequestOutboxPayload>);
      const requestId = typeof row.payload.requestId === "string" ? row.payload.requestId : null;
      const stored = kind ? await storeInAppItems(m, row, kind, realtime.kind, requestId, inApp) : [];
      if (stored.length > 0) event.inApp = stored;
      await this.deps.bus.notifyOthers(m, event);
      return true;
    });
    // After the commit: this process's own subscribers (its listener ignores its own NOTIFY).
    if (fresh) this.deps.bus.publishLocal(event);
  }

  /** The footer and headers that let the person stop this kind of email in one click, or change their preferences. */
  private listHeaders(
    row: ClaimedRow,
    identityId: string,
    kind: NotificationKind,
    now: Date,
    locale: EmailLocale,
  ): { headers: Record<string, string>; footer: string } | null {
    const signer = this.deps.unsubscribeSigner;
    const w = wordsFor(locale);
    const preferences = w.t("footer.preferences", { url: `${this.deps.publicUrl}${PREFERENCES_PATH}` });
    if (!signer) return { headers: {}, footer: preferences };
    const url = unsubscribeUrl(signer, this.deps.publicUrl, row.institutionId, identityId, kind, now);
    return {
      headers: unsubscribeHeaders(url, this.deps.unsubscribeMailto),
      footer: KIND_RULES[kind].locked ? preferences : `${w.t("footer.stop", { url })}\n${preferences}`,
    };
  }

  private async deliverEmail(
    row: ClaimedRow,
    email: PlannedEmail,
    list: { headers: Record<string, string>; footer: string } | null = null,
  ): Promise<void> {
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
        text: list ? `${email.text}\n\n-- \n${list.footer}\n` : email.text,
        // The same footer in both parts: the one-click unsubscribe and the preferences, as links in the HTML.
        html: await emailHtml({ ...email, footer: list?.footer.split("\n") }),
        attachments: email.attachments,
        ...(list && Object.keys(list.headers).length > 0 ? { headers: list.headers } : {}),
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
      sqlRows<{ name: string; email: string; due_at: Date; institution: string; time_zone: string; locale: string }>(
        m,
        `SELECT idn.display_name AS name, idn.email, ms.erasure_due_at AS due_at, i.name AS institution, i.time_zone,
                ${emailLocaleSql("idn", "i")} AS locale
           FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id JOIN institutions i ON i.id = ms.institution_id
          WHERE ms.institution_id = $1 AND ms.id = $2 AND ms.erasure_due_at IS NOT NULL AND ms.erased_at IS NULL`,
        [row.institutionId, membershipId],
      ),
    );
    if (!person) return { realtime: null, emails: [] };
    const locale = emailLocale(person.locale);
    const draft = erasureRequestedEmail({
      name: person.name,
      institutionName: person.institution,
      dueAt: person.due_at,
      publicUrl: this.deps.publicUrl,
      locale,
    });
    return {
      realtime: null,
      emails: [
        {
          side: "STUDENT",
          to: { membershipId, name: person.name, email: person.email, timeZone: person.time_zone, locale },
          subject: draft.subject,
          ...paragraphEmail(draft.paragraphs),
          institutionName: person.institution,
          locale,
          attachments: [],
        },
      ],
    };
  }

  private inTenant<T>(row: ClaimedRow, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return tenantTransaction(this.deps.dataSource, { institutionId: row.institutionId }, fn);
  }
}

/**
 * Who gets an item in their notification centre (ADR 0028): the people the row's emails tell, but not the one who acted,
 * on a kind with an in-app side, unless they turned it off — a kind that cannot be turned off always.
 */
export function inAppItems(
  kind: NotificationKind,
  plan: DeliveryPlan,
  prefs: Map<string, PersonPreferences>,
  actor: unknown = null,
): InAppItem[] {
  if (!KIND_RULES[kind].inApp || !plan.realtime) return [];
  const everyone = plan.realtime.recipients;
  const told = new Map<string, InAppItem>();
  for (const email of plan.emails) {
    const id = email.to.membershipId;
    const side = email.side;
    // Items are about a request, seen from one of its two sides; an advisor's digest or a career-center notice has none.
    if (side !== "STUDENT" && side !== "ALUMNUS") continue;
    // Whoever did it knows: the email (say, a cancellation's calendar update) still goes, but no item.
    if (told.has(id) || side === actor) continue;
    if (!KIND_RULES[kind].locked && prefs.get(id)?.choices[kind].inApp === false) continue;
    told.set(id, { membershipId: id, side, otherMembershipId: everyone.find((other) => other !== id) ?? null });
  }
  return [...told.values()];
}

/** Send now, not at all (set to a digest or off), or later (quiet hours). */
export function emailDecision(
  kind: NotificationKind,
  prefs: PersonPreferences | undefined,
  now: Date,
  digest = false,
): { send: true } | { send: false } | { send: "later"; at: Date } {
  if (!prefs) return { send: true };
  // A digest goes unless the kind was turned off since it was queued; anything else only when set to IMMEDIATE.
  if (digest ? prefs.choices[kind].email === "OFF" : prefs.choices[kind].email !== "IMMEDIATE") return { send: false };
  if (KIND_RULES[kind].urgent) return { send: true };
  const until = quietUntil(now, prefs.quiet);
  return until ? { send: "later", at: until } : { send: true };
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}

/** The text part and the paragraphs the HTML part is laid out from (templates/email-layout), from the same words. */
function paragraphEmail(paragraphs: string[]): { text: string; paragraphs: string[] } {
  return { text: `${paragraphs.join("\n\n")}\n`, paragraphs };
}
