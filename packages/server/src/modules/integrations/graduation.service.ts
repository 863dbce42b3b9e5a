import { recordAudit, type AuditActor } from "../audit";
import type { EntityManager } from "typeorm";
import type { OutboxTopic } from "../../db/outbox";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { badInput } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { isUuid } from "../../shared/cursor-pagination";
import type { AutomaticGraduationRun, GraduationCandidate, GraduationEmailPrompt, GraduationResult } from "./graduation.types";
import type { Viewer } from "../../auth/viewer";

/** The outbox topic of the invitation to volunteer each new alum gets (modules/notifications/volunteer-invitation.ts). */
export const VOLUNTEER_INVITATION = "graduation.volunteer_invitation" satisfies OutboxTopic;

/**
 * The students whose class year has ended on the institution's local day `today`: class year Y ends on the
 * institution's graduation day (MM-DD) of Y — 02-29 in a year without one is 03-01. Live student memberships only.
 */
const DUE_SQL = `
  SELECT s.id FROM memberships s
    JOIN student_profiles sp ON sp.institution_id = s.institution_id AND sp.membership_id = s.id
   WHERE s.institution_id = $1 AND s.role = 'STUDENT' AND s.deactivated_at IS NULL AND s.erased_at IS NULL
     AND sp.class_year IS NOT NULL AND sp.class_year BETWEEN 1900 AND 2200
     AND make_date(sp.class_year, split_part($2, '-', 1)::int, 1) + (split_part($2, '-', 2)::int - 1) <= $3::date
     AND NOT EXISTS (SELECT 1 FROM memberships a WHERE a.institution_id = s.institution_id AND a.identity_id = s.identity_id AND a.role = 'ALUMNUS')
   ORDER BY s.id`;

/** Most students one graduateStudents call takes. */
export const GRADUATION_MAX = 5_000;

/**
 * Graduation, student → alum, one person (ADR 0023): the same identity gets an ALUMNUS membership whose profile starts
 * from the student profile (major, class year, career fields, first place), not listed anywhere until the alum consents
 * (ALUMNUS_LISTED, ALUMNUS_CONTACT: the invitation to volunteer is the alum's onboarding). The student membership is
 * left as it is — never deactivated by graduation — so the contact log, notes, referrals and export stay theirs.
 */
export class GraduationService {
  constructor(private readonly deps: Pick<ServiceDeps, "dataSource">) {}

  async graduate(institutionId: string, studentMembershipIds: string[], actor: AuditActor): Promise<GraduationResult> {
    if (studentMembershipIds.length === 0 || studentMembershipIds.length > GRADUATION_MAX)
      throw badInput([{ field: "studentMembershipIds", message: `Give 1 to ${GRADUATION_MAX} students.` }]);
    const result: GraduationResult = { graduated: 0, alreadyAlumni: 0, errors: [] };
    const seen = new Set<string>();
    const ids: string[] = [];
    studentMembershipIds.forEach((id, row) => {
      const fail = (code: string, message: string) =>
        result.errors.push({ row, externalId: null, field: "studentMembershipIds", code, message });
      if (!isUuid(id)) return fail("INVALID", "This is not a membership id.");
      if (seen.has(id)) return fail("DUPLICATE_IN_BATCH", "This student appears earlier in the same batch.");
      seen.add(id);
      ids.push(id);
    });
    await tenantTransaction(this.deps.dataSource, { institutionId }, (m) =>
      graduateIn(m, institutionId, studentMembershipIds, ids, actor, result),
    );
    return result;
  }

  /**
   * The daily automatic graduation of one institution (ADR 0032), in its own tenant transaction. Only when the institution
   * turned it on; once per institution per local day: the run claims the day on the institution's row
   * (graduation_ran_on), so a second run that day — another replica, a retry — finds it claimed and does nothing (the
   * row lock makes the second wait for the first and then see its claim). Graduating is idempotent besides: a student who
   * is an alum already is not a candidate. Null when nothing ran.
   */
  async runDue(institutionId: string): Promise<AutomaticGraduationRun | null> {
    return tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      const [claim] = await sqlRows<{ day: string; graduation_day: string }>(
        m,
        `UPDATE institutions SET graduation_ran_on = (now() AT TIME ZONE time_zone)::date
          WHERE id = $1 AND auto_graduation AND graduation_ran_on IS DISTINCT FROM (now() AT TIME ZONE time_zone)::date
          RETURNING to_char(graduation_ran_on, 'YYYY-MM-DD') AS day, graduation_day`,
        [institutionId],
      );
      if (!claim) return null;
      const due = await sqlRows<{ id: string }>(m, DUE_SQL, [institutionId, claim.graduation_day, claim.day]);
      const result: GraduationResult = { graduated: 0, alreadyAlumni: 0, errors: [] };
      const ids = due.map((d) => d.id);
      if (ids.length > 0) await graduateIn(m, institutionId, ids, ids, { kind: "SYSTEM" }, result);
      return { day: claim.day, result };
    });
  }

  /**
   * The prompt on a student's overview: due while their class year ends within a year (or has ended) and they hold no
   * verified personal address (PERSONAL_EMAIL_SQL). The same day as the automatic graduation: graduation_day of their
   * class year.
   */
  async emailPrompt(viewer: Viewer): Promise<GraduationEmailPrompt> {
    const membershipId = viewer.memberships.STUDENT;
    if (!membershipId) return { due: false, graduatesOn: null };
    const [row] = await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      sqlRows<{ graduates_on: string | null; soon: boolean | null; personal: boolean }>(
        m,
        `SELECT to_char(g.on_day, 'YYYY-MM-DD') AS graduates_on, g.on_day <= ((now() AT TIME ZONE i.time_zone)::date + interval '1 year')::date AS soon,
                ${PERSONAL_EMAIL_SQL} AS personal
           FROM memberships s JOIN identities idn ON idn.id = s.identity_id JOIN institutions i ON i.id = s.institution_id
           LEFT JOIN student_profiles sp ON sp.institution_id = s.institution_id AND sp.membership_id = s.id
           CROSS JOIN LATERAL (SELECT CASE WHEN sp.class_year BETWEEN 1900 AND 2200
                                      THEN make_date(sp.class_year, split_part(i.graduation_day, '-', 1)::int, 1) + (split_part(i.graduation_day, '-', 2)::int - 1)
                                      END AS on_day) g
          WHERE s.institution_id = $1 AND s.id = $2`,
        [viewer.institutionId, membershipId],
      ),
    );
    if (!row) return { due: false, graduatesOn: null };
    return { due: row.soon === true && !row.personal, graduatesOn: row.graduates_on };
  }

  /** The live students of one class year, by name, for the admins' Graduate page (at most GRADUATION_MAX). */
  candidates(institutionId: string, classYear: number): Promise<GraduationCandidate[]> {
    if (!Number.isInteger(classYear) || classYear < 1900 || classYear > 2200)
      throw badInput([{ field: "classYear", message: "Use a year like 2027." }]);
    return tenantTransaction(this.deps.dataSource, { institutionId }, (m) =>
      sqlRows<GraduationCandidate>(
        m,
        `SELECT s.id AS "studentMembershipId", idn.display_name AS "displayName", idn.email, sp.class_year AS "classYear",
                EXISTS (SELECT 1 FROM memberships a WHERE a.institution_id = s.institution_id AND a.identity_id = s.identity_id AND a.role = 'ALUMNUS') AS "alreadyAlumnus",
                ${PERSONAL_EMAIL_SQL} AS "personalEmailVerified"
           FROM memberships s JOIN identities idn ON idn.id = s.identity_id
           JOIN student_profiles sp ON sp.institution_id = s.institution_id AND sp.membership_id = s.id
          WHERE s.institution_id = $1 AND s.role = 'STUDENT' AND s.deactivated_at IS NULL AND s.erased_at IS NULL AND sp.class_year = $2
          ORDER BY idn.display_name, s.id LIMIT ${GRADUATION_MAX}`,
        [institutionId, classYear],
      ),
    );
  }
}

/**
 * Whether the person of membership `s` (joined with identity idn) holds a verified address outside the campus email
 * domains of institution $1 (its sign-in providers'): their primary address, or a confirmed other one (identity_emails).
 * With no campus domains configured, every verified address is personal: there is no campus sign-in to lose.
 */
export const PERSONAL_EMAIL_SQL = `EXISTS (
  SELECT 1 FROM (SELECT idn.email AS address UNION ALL
                 SELECT e.email FROM identity_emails e WHERE e.identity_id = idn.id AND e.verified_at IS NOT NULL) addresses
   WHERE NOT EXISTS (SELECT 1 FROM identity_providers p, unnest(p.email_domains) AS d(domain)
                      WHERE p.institution_id = $1 AND lower(split_part(addresses.address, '@', 2)) = lower(d.domain)))`;

/**
 * Graduates the students `ids` (checked, unique) in the caller's tenant transaction; `given` is the caller's list, for the
 * rows of NOT_FOUND. Each new alum is sent the invitation to volunteer (graduation.volunteer_invitation), in the same
 * transaction: an alum is never invited without graduating, nor graduates without the invitation.
 */
export async function graduateIn(
  m: EntityManager,
  institutionId: string,
  given: string[],
  ids: string[],
  actor: AuditActor,
  result: GraduationResult,
): Promise<void> {
  const students = await sqlRows<{ id: string; identityId: string; externalId: string | null; alumnusId: string | null }>(
    m,
    `SELECT s.id, s.identity_id AS "identityId", s.external_id AS "externalId", a.id AS "alumnusId"
         FROM memberships s
         LEFT JOIN memberships a ON a.institution_id = s.institution_id AND a.identity_id = s.identity_id AND a.role = 'ALUMNUS'
        WHERE s.institution_id = $1 AND s.role = 'STUDENT' AND s.id = ANY($2::uuid[])`,
    [institutionId, ids],
  );
  const found = new Map(students.map((s) => [s.id, s]));
  given.forEach((id, row) => {
    if (isUuid(id) && !found.has(id) && ids.includes(id) && given.indexOf(id) === row)
      result.errors.push({
        row,
        externalId: null,
        field: "studentMembershipIds",
        code: "NOT_FOUND",
        message: "No student with this id here.",
      });
  });
  const toGraduate = students.filter((s) => !s.alumnusId);
  result.alreadyAlumni = students.length - toGraduate.length;
  if (toGraduate.length === 0) return;
  // The alum roster keys people by the institution's own id too: the student's carries over unless an alum has it.
  const created = await sqlRows<{ id: string; identityId: string }>(
    m,
    `INSERT INTO memberships (institution_id, identity_id, role, external_id)
       SELECT $1, u.identity_id, 'ALUMNUS',
              CASE WHEN u.external_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM memberships x WHERE x.institution_id = $1 AND x.role = 'ALUMNUS'
                                                                 AND x.external_id = u.external_id) THEN u.external_id END
         FROM unnest($2::uuid[], $3::text[]) AS u(identity_id, external_id)
       RETURNING id, identity_id AS "identityId"`,
    [institutionId, toGraduate.map((s) => s.identityId), toGraduate.map((s) => s.externalId)],
  );
  const alumOf = new Map(created.map((c) => [c.identityId, c.id]));
  const pairs = toGraduate.map((s) => ({ student: s.id, alum: alumOf.get(s.identityId) as string }));
  // Prefilled from the student profile: major, class year, career fields and the first place they named.
  await m.query(
    `INSERT INTO alumni_profiles (membership_id, institution_id, class_year, major, fields, location, time_zone)
       SELECT u.alum, $1, sp.class_year, sp.major, coalesce(sp.fields, '{}'), sp.locations[1], (SELECT time_zone FROM institutions WHERE id = $1)
         FROM unnest($2::uuid[], $3::uuid[]) AS u(student, alum)
         LEFT JOIN student_profiles sp ON sp.institution_id = $1 AND sp.membership_id = u.student`,
    [institutionId, pairs.map((p) => p.student), pairs.map((p) => p.alum)],
  );
  result.graduated = pairs.length;
  await recordAudit(
    m,
    ...pairs.map((p) => ({
      institutionId,
      actor,
      action: "student.graduated" as const,
      target: { type: "membership", id: p.alum },
      subjectMembershipId: p.student,
      after: { alumnusMembershipId: p.alum },
    })),
  );
  // The invitation to volunteer: the alum's consent flow (ALUMNUS_LISTED, ALUMNUS_CONTACT) is where they say yes.
  await m.query(
    `INSERT INTO outbox (institution_id, topic, payload)
       SELECT $1, '${VOLUNTEER_INVITATION}', jsonb_build_object('membershipId', u.alum) FROM unnest($2::uuid[]) AS u(alum)`,
    [institutionId, pairs.map((p) => p.alum)],
  );
}
