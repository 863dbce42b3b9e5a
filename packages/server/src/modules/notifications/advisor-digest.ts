import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import type { AdvisorListsSource } from "./digest-types";
import type { PlannedEmail } from "./notification-plan";
import { advisorDigestEmail, needsActionCount, type AdvisorScope, type DigestReader } from "./templates/digest-emails";

/**
 * The advisors' digest (ADR 0029): the needs-action lists their dashboard shows, read through the reports module so the
 * email and the dashboard never disagree. Scope: the advisor's caseload when students are assigned to them, otherwise
 * everyone (the dashboard's default view); the alumni lists are institution-wide in both, as on the dashboard.
 * Students who do not share their activity with advisors are left out by the lists themselves.
 */

/** Every active advisor: whether a digest is due is decided by their preference and period (digests.ts). */
export function advisorCandidates(m: EntityManager, institutionId: string) {
  return sqlRows<{ identity_id: string; membership_id: string; digest: "ADVISOR_LISTS"; items: null }>(
    m,
    `SELECT identity_id, id AS membership_id, 'ADVISOR_LISTS' AS digest, NULL::int AS items FROM memberships
      WHERE institution_id = $1 AND role = 'ADVISOR' AND deactivated_at IS NULL AND erased_at IS NULL
      ORDER BY identity_id`,
    [institutionId],
  );
}

/** Their caseload when students are assigned to them, else everyone. */
export async function advisorScope(m: EntityManager, institutionId: string, advisorMembershipId: string): Promise<AdvisorScope> {
  const rows = await sqlRows(m, `SELECT 1 FROM student_profiles WHERE institution_id = $1 AND advisor_id = $2 LIMIT 1`, [
    institutionId,
    advisorMembershipId,
  ]);
  return rows.length > 0 ? "CASELOAD" : "EVERYONE";
}

/** The email, from the lists as they are at delivery: none when they are empty by then. */
export async function planAdvisorDigest(
  m: EntityManager,
  institutionId: string,
  reader: DigestReader,
  source: AdvisorListsSource,
  publicUrl: string,
): Promise<PlannedEmail[]> {
  const [advisor] = await sqlRows(m, `SELECT 1 FROM memberships WHERE institution_id = $1 AND id = $2 AND role = 'ADVISOR'`, [
    institutionId,
    reader.membershipId,
  ]);
  if (!advisor) return [];
  const scope = await advisorScope(m, institutionId, reader.membershipId);
  const lists = await source(m, institutionId, scope === "CASELOAD" ? reader.membershipId : null);
  if (needsActionCount(lists) === 0) return [];
  return [advisorDigestEmail(reader, lists, scope, publicUrl)];
}
