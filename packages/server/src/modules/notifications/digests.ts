import type { DataSource, EntityManager } from "typeorm";
import { enqueue } from "../../db/outbox";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { localTime } from "../../shared/calendar-invite";
import type { NotificationKind } from "./notification-kinds";
import type { PlannedEmail } from "./notification-plan";
import { loadPreferences } from "./preferences.service";
import { digestPeriod } from "./quiet-hours";

export type DigestName = "REQUESTS" | "FOLLOW_UPS";

/** Which preference decides each digest, its outbox topic, and who it is for. */
const DIGESTS: Record<DigestName, { kind: NotificationKind; topic: "digest.requests" | "digest.follow_ups" }> = {
  REQUESTS: { kind: "NEW_REQUEST", topic: "digest.requests" },
  FOLLOW_UPS: { kind: "FOLLOW_UPS", topic: "digest.follow_ups" },
};

/** What a digest's outbox row carries: ids and the period, nothing personal. */
export interface DigestPayload {
  digest: DigestName;
  identityId: string;
  membershipId: string;
  period: string;
}

/** A signed single-use link to accept one proposed time, or to decline, from the email (modules/requests/digest-actions). */
export type DigestActionLink = (claims: {
  institutionId: string;
  requestId: string;
  membershipId: string;
  action: "ACCEPT" | "DECLINE";
  proposedTimeId?: string;
}) => string;

/**
 * Builds digests (ADR 0024): for each person with something to put in one and a digest preference (NEW_REQUEST or
 * FOLLOW_UPS set to DAILY_DIGEST or WEEKLY_DIGEST), once their day and hour has come in their own time zone, a row in
 * digest_runs (key: person, digest, period) and an outbox row in one transaction. However many runners build digests at
 * once, the key lets one insert win; the others insert nothing and queue nothing. Nobody with nothing waiting gets one.
 */
export class DigestBuilder {
  constructor(private readonly deps: { dataSource: DataSource; now?: () => Date }) {}

  async run(institutionId: string): Promise<number> {
    const now = this.deps.now?.() ?? new Date();
    return tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      let queued = 0;
      // People with something waiting: alumni with requests to answer; students with a thank-you or update due.
      const candidates = await sqlRows<{ identity_id: string; membership_id: string; digest: DigestName; items: number }>(
        m,
        `SELECT mb.identity_id, mb.id AS membership_id, 'REQUESTS' AS digest, count(*)::int AS items
           FROM interview_requests r JOIN memberships mb ON mb.institution_id = r.institution_id AND mb.id = r.alumnus_id
          WHERE r.institution_id = $1 AND r.state = 'REQUESTED' AND r.expires_at > $2
          GROUP BY mb.identity_id, mb.id
         UNION ALL
         SELECT mb.identity_id, mb.id, 'FOLLOW_UPS', count(*)::int
           FROM follow_ups f JOIN memberships mb ON mb.institution_id = f.institution_id AND mb.id = f.student_id
          WHERE f.institution_id = $1 AND ((f.thank_you_sent_at IS NULL AND f.thank_you_due_at <= $2 + interval '7 days')
                                        OR (f.update_sent_at IS NULL AND f.update_due_at <= $2 + interval '7 days'))
          GROUP BY mb.identity_id, mb.id
          ORDER BY 1, 3`,
        [institutionId, now],
      );
      if (candidates.length === 0) return 0;
      const prefs = await loadPreferences(m, institutionId, [...new Set(candidates.map((c) => c.identity_id))]);
      for (const c of candidates) {
        const p = prefs.get(c.identity_id)!;
        const choice = p.choices[DIGESTS[c.digest].kind].email;
        if (choice !== "DAILY_DIGEST" && choice !== "WEEKLY_DIGEST") continue;
        const period = digestPeriod(now, {
          frequency: choice === "DAILY_DIGEST" ? "DAILY" : "WEEKLY",
          weekday: p.digestWeekday,
          hour: p.digestHour,
          timeZone: p.timeZone,
        });
        const won = await sqlRows(
          m,
          `INSERT INTO digest_runs (institution_id, identity_id, digest, period, items) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING RETURNING 1`,
          [institutionId, c.identity_id, c.digest, period.key, c.items],
        );
        if (won.length === 0) continue;
        const payload: DigestPayload = { digest: c.digest, identityId: c.identity_id, membershipId: c.membership_id, period: period.key };
        await enqueue(m, institutionId, DIGESTS[c.digest].topic, { ...payload });
        queued += 1;
      }
      return queued;
    });
  }
}

interface Reader {
  membership_id: string;
  name: string;
  email: string;
  time_zone: string;
  institution_name: string;
}

/** The digest email, read at delivery time: what is waiting now (an item answered since is left out; none left, no email). */
export async function planDigest(
  m: EntityManager,
  institutionId: string,
  payload: DigestPayload,
  ctx: { publicUrl: string; actionLink?: DigestActionLink },
): Promise<PlannedEmail[]> {
  const [reader] = await sqlRows<Reader>(
    m,
    `SELECT mb.id AS membership_id, i.display_name AS name, i.email, coalesce(ns.time_zone, inst.time_zone) AS time_zone, inst.name AS institution_name
       FROM memberships mb JOIN identities i ON i.id = mb.identity_id JOIN institutions inst ON inst.id = mb.institution_id
       LEFT JOIN notification_settings ns ON ns.institution_id = mb.institution_id AND ns.identity_id = mb.identity_id
      WHERE mb.institution_id = $1 AND mb.id = $2`,
    [institutionId, payload.membershipId],
  );
  if (!reader) return [];
  const at = (d: Date) => `${localTime(d, reader.time_zone)}`;
  const to = { membershipId: reader.membership_id, name: reader.name, email: reader.email, timeZone: reader.time_zone };
  const wrap = (subject: string, body: string[]): PlannedEmail => {
    const paragraphs = [`Hello ${reader.name},`, ...body, `— Infoview, for ${reader.institution_name}`];
    return {
      side: payload.digest === "REQUESTS" ? "ALUMNUS" : "STUDENT",
      to,
      subject,
      text: paragraphs.join("\n\n") + "\n",
      paragraphs,
      institutionName: reader.institution_name,
      attachments: [],
    };
  };

  if (payload.digest === "REQUESTS") {
    const requests = await sqlRows<{ id: string; student_name: string; message: string; expires_at: Date }>(
      m,
      `SELECT r.id, si.display_name AS student_name, r.message, r.expires_at
         FROM interview_requests r JOIN memberships sm ON sm.institution_id = r.institution_id AND sm.id = r.student_id
         JOIN identities si ON si.id = sm.identity_id
        WHERE r.institution_id = $1 AND r.alumnus_id = $2 AND r.state = 'REQUESTED' AND r.expires_at > now()
        ORDER BY r.expires_at, r.id`,
      [institutionId, payload.membershipId],
    );
    if (requests.length === 0) return [];
    const times = await sqlRows<{ id: string; request_id: string; starts_at: Date }>(
      m,
      `SELECT id, request_id, starts_at FROM proposed_times
        WHERE institution_id = $1 AND request_id = ANY($2::uuid[]) AND status = 'OPEN' AND proposed_by = 'STUDENT' AND starts_at > now()
        ORDER BY starts_at, id`,
      [institutionId, requests.map((r) => r.id)],
    );
    const link = (requestId: string, action: "ACCEPT" | "DECLINE", proposedTimeId?: string) =>
      ctx.actionLink?.({ institutionId, requestId, membershipId: payload.membershipId, action, proposedTimeId });
    const items = requests.map((r) => {
      const lines = [
        `${r.student_name} — expires ${at(r.expires_at)}`,
        ...r.message
          .trim()
          .split(/\r?\n/)
          .slice(0, 3)
          .map((l) => `> ${l}`),
      ];
      for (const t of times.filter((t) => t.request_id === r.id)) {
        const accept = link(r.id, "ACCEPT", t.id);
        lines.push(`  - ${at(t.starts_at)}${accept ? `: accept this time ${accept}` : ""}`);
      }
      const decline = link(r.id, "DECLINE");
      if (decline) lines.push(`  Decline: ${decline}`);
      lines.push(`  Open the request: ${ctx.publicUrl}/alumni/requests/${r.id}`);
      return lines.join("\n");
    });
    return [
      wrap(`${requests.length === 1 ? "1 request is" : `${requests.length} requests are`} waiting for your answer`, [
        `Students are waiting to hear from you. Each link below does one thing, once: it accepts that time, or declines, after you confirm on the page it opens.`,
        ...items,
      ]),
    ];
  }

  const due = await sqlRows<{ request_id: string; alumnus_name: string; thank_you_due_at: Date | null; update_due_at: Date | null }>(
    m,
    `SELECT f.request_id, ai.display_name AS alumnus_name,
            CASE WHEN f.thank_you_sent_at IS NULL THEN f.thank_you_due_at END AS thank_you_due_at,
            CASE WHEN f.update_sent_at IS NULL THEN f.update_due_at END AS update_due_at
       FROM follow_ups f JOIN interview_requests r ON r.institution_id = f.institution_id AND r.id = f.request_id
       JOIN memberships am ON am.institution_id = r.institution_id AND am.id = r.alumnus_id JOIN identities ai ON ai.id = am.identity_id
      WHERE f.institution_id = $1 AND f.student_id = $2
        AND ((f.thank_you_sent_at IS NULL AND f.thank_you_due_at <= now() + interval '7 days')
          OR (f.update_sent_at IS NULL AND f.update_due_at <= now() + interval '7 days'))
      ORDER BY least(f.thank_you_due_at, f.update_due_at), f.request_id`,
    [institutionId, payload.membershipId],
  );
  if (due.length === 0) return [];
  return [
    wrap(`Follow-ups due: ${due.length}`, [
      `These follow-ups are due soon or overdue:`,
      due
        .map((d) =>
          [
            d.thank_you_due_at && d.thank_you_due_at.getTime() <= Date.now() + 7 * 86_400_000
              ? `  - A thank-you to ${d.alumnus_name}, by ${at(d.thank_you_due_at)}`
              : null,
            d.update_due_at && d.update_due_at.getTime() <= Date.now() + 7 * 86_400_000
              ? `  - An update to ${d.alumnus_name}, by ${at(d.update_due_at)}`
              : null,
            `    ${ctx.publicUrl}/student/requests/${d.request_id}`,
          ]
            .filter(Boolean)
            .join("\n"),
        )
        .join("\n"),
    ]),
  ];
}
