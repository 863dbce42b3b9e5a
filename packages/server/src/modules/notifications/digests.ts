import type { DataSource, EntityManager } from "typeorm";
import { enqueue } from "../../db/outbox";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { advisorCandidates, advisorScope, planAdvisorDigest } from "./advisor-digest";
import type { AdvisorListsSource, DigestContext, DigestName, DigestPayload } from "./digest-types";
import { needsActionCount } from "./templates/digest-emails";
import type { NotificationKind } from "./notification-kinds";
import type { PlannedEmail } from "./notification-plan";
import { loadPreferences, type PersonPreferences } from "./preferences.service";
import { digestPeriod } from "./quiet-hours";
import { planFollowUpsDigest, planRequestsDigest, readDigestReader } from "./digest-planning";

export type { AdvisorListsSource, DigestActionLink, DigestContext, DigestName, DigestPayload } from "./digest-types";

/** Which preference decides each digest, its outbox topic, and who it is for. */
export const DIGESTS: Record<
  DigestName,
  { kind: NotificationKind; topic: "digest.requests" | "digest.follow_ups" | "digest.advisor_lists" }
> = {
  REQUESTS: { kind: "NEW_REQUEST", topic: "digest.requests" },
  FOLLOW_UPS: { kind: "FOLLOW_UPS", topic: "digest.follow_ups" },
  ADVISOR_LISTS: { kind: "ADVISOR_LISTS", topic: "digest.advisor_lists" },
};

/** Someone a digest may be due for: who, which digest, and how many items are waiting (null: not counted yet). */
export interface DigestCandidate {
  identity_id: string;
  membership_id: string;
  digest: DigestName;
  items: number | null;
}

/** The digest period `now` falls in for this person and kind, or null when they chose no digest for it. */
export function periodOf(p: PersonPreferences, kind: NotificationKind, now: Date): string | null {
  const choice = p.choices[kind].email;
  if (choice !== "DAILY_DIGEST" && choice !== "WEEKLY_DIGEST") return null;
  return digestPeriod(now, {
    frequency: choice === "DAILY_DIGEST" ? "DAILY" : "WEEKLY",
    weekday: p.digestWeekday,
    hour: p.digestHour,
    timeZone: p.timeZone,
  }).key;
}

/**
 * Builds digests (ADR 0024, 0029): for each person with a digest preference (NEW_REQUEST, FOLLOW_UPS or ADVISOR_LISTS
 * set to DAILY_DIGEST or WEEKLY_DIGEST) and something to put in it, once their day and hour has come in their own time
 * zone, a row in digest_runs (key: person, digest, period) and an outbox row in one transaction. However many runners
 * build digests at once, the key lets one insert win; the others insert nothing and queue nothing. Nobody with nothing
 * waiting gets one.
 */
export class DigestBuilder {
  constructor(private readonly deps: { dataSource: DataSource; now?: () => Date; advisorLists?: AdvisorListsSource }) {}

  async run(institutionId: string): Promise<number> {
    const now = this.deps.now?.() ?? new Date();
    return tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      let queued = 0;
      // People with something waiting: alumni with requests to answer; students with a thank-you or update due, or a
      // meeting nobody said happened. Advisors are counted below, only when their period has come.
      const candidates: DigestCandidate[] = await sqlRows<DigestCandidate>(
        m,
        `SELECT mb.identity_id, mb.id AS membership_id, 'REQUESTS' AS digest, count(*)::int AS items
           FROM interview_requests r JOIN memberships mb ON mb.institution_id = r.institution_id AND mb.id = r.alumnus_id
          WHERE r.institution_id = $1 AND r.state = 'REQUESTED' AND r.expires_at > $2
          GROUP BY mb.identity_id, mb.id
         UNION ALL
         SELECT mb.identity_id, mb.id, 'FOLLOW_UPS', count(*)::int
           FROM (SELECT f.student_id FROM follow_ups f
                  WHERE f.institution_id = $1 AND ((f.thank_you_sent_at IS NULL AND f.thank_you_due_at <= $2 + interval '7 days')
                                                OR (f.update_sent_at IS NULL AND f.update_due_at <= $2 + interval '7 days'))
                 UNION ALL
                 SELECT r.student_id FROM interview_requests r
                  WHERE r.institution_id = $1 AND r.state = 'ACCEPTED' AND r.meeting_ends_at <= $2
                    AND NOT EXISTS (SELECT 1 FROM meeting_checks mc WHERE mc.institution_id = r.institution_id
                                       AND mc.request_id = r.id AND mc.sequence = r.calendar_sequence)) due
           JOIN memberships mb ON mb.institution_id = $1 AND mb.id = due.student_id
          GROUP BY mb.identity_id, mb.id
          ORDER BY 1, 3`,
        [institutionId, now],
      );
      const advisors = this.deps.advisorLists ? await advisorCandidates(m, institutionId) : [];
      const all = [...candidates, ...advisors];
      if (all.length === 0) return 0;
      const prefs = await loadPreferences(m, institutionId, [...new Set(all.map((c) => c.identity_id))]);
      const count = this.deps.advisorLists && countAdvisorItems(m, institutionId, this.deps.advisorLists);
      for (const c of all) {
        const period = periodOf(prefs.get(c.identity_id)!, DIGESTS[c.digest].kind, now);
        if (!period) continue;
        let items = c.items;
        if (items === null) {
          // An advisor: their lists are read only once their period has come and no runner built this period's digest.
          const done = await sqlRows(
            m,
            `SELECT 1 FROM digest_runs WHERE institution_id = $1 AND identity_id = $2 AND digest = $3 AND period = $4`,
            [institutionId, c.identity_id, c.digest, period],
          );
          if (done.length > 0 || !count) continue;
          items = await count(c.membership_id);
        }
        // An advisor with empty lists gets a row with no items (the period is settled, the lists are not read again).
        const won = await sqlRows(
          m,
          `INSERT INTO digest_runs (institution_id, identity_id, digest, period, items) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING RETURNING 1`,
          [institutionId, c.identity_id, c.digest, period, items],
        );
        if (won.length === 0 || items === 0) continue;
        const payload: DigestPayload = { digest: c.digest, identityId: c.identity_id, membershipId: c.membership_id, period };
        await enqueue(m, institutionId, DIGESTS[c.digest].topic, { ...payload });
        queued += 1;
      }
      return queued;
    });
  }
}

/** Counts an advisor's items; the everyone-scope lists are the same for every advisor without a caseload: read once. */
function countAdvisorItems(m: EntityManager, institutionId: string, source: AdvisorListsSource) {
  const memo = new Map<string, Promise<number>>();
  return async (advisorMembershipId: string): Promise<number> => {
    const advisor = (await advisorScope(m, institutionId, advisorMembershipId)) === "CASELOAD" ? advisorMembershipId : null;
    const key = advisor ?? "everyone";
    if (!memo.has(key)) memo.set(key, source(m, institutionId, advisor).then(needsActionCount));
    return memo.get(key)!;
  };
}

/** The digest email, read at delivery time: what is waiting now (an item dealt with since is left out; none left, no email). */
export async function planDigest(
  m: EntityManager,
  institutionId: string,
  payload: DigestPayload,
  ctx: DigestContext,
): Promise<PlannedEmail[]> {
  const reader = await readDigestReader(m, institutionId, payload.membershipId);
  if (!reader) return [];
  switch (payload.digest) {
    case "REQUESTS":
      return planRequestsDigest(m, institutionId, reader, payload, ctx);
    case "FOLLOW_UPS":
      return planFollowUpsDigest(m, institutionId, reader, payload, ctx);
    case "ADVISOR_LISTS":
      return ctx.advisorLists ? planAdvisorDigest(m, institutionId, reader, ctx.advisorLists, ctx.publicUrl) : [];
    default:
      return [];
  }
}
