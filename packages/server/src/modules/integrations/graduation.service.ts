import { recordAudit, type AuditActor } from "../audit";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { badInput } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { isUuid } from "../../shared/cursor-pagination";
import type { GraduationResult } from "./graduation.types";

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
    await tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      const students = await sqlRows<{ id: string; identityId: string; externalId: string | null; alumnusId: string | null }>(
        m,
        `SELECT s.id, s.identity_id AS "identityId", s.external_id AS "externalId", a.id AS "alumnusId"
           FROM memberships s
           LEFT JOIN memberships a ON a.institution_id = s.institution_id AND a.identity_id = s.identity_id AND a.role = 'ALUMNUS'
          WHERE s.institution_id = $1 AND s.role = 'STUDENT' AND s.id = ANY($2::uuid[])`,
        [institutionId, ids],
      );
      const found = new Map(students.map((s) => [s.id, s]));
      studentMembershipIds.forEach((id, row) => {
        if (isUuid(id) && !found.has(id) && ids.includes(id) && studentMembershipIds.indexOf(id) === row)
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
    });
    return result;
  }
}
