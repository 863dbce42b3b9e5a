import type { EntityManager } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import { hasRole, type Viewer } from "../../auth/viewer";
import { badInput, forbidden, notFound } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { containsPattern, decodeCursor, isUuid, toPage } from "../../shared/cursor-pagination";
import { personActor, recordAudit } from "../audit";
import { NEEDS_ACTION_DASHBOARD } from "./needs-action";
import { CASELOAD_ADVISORS_SQL, ROSTER_CLASS_YEARS_SQL, studentRosterSql } from "./student-roster.sql";
import type { AdvisorAssignment } from "./reports.types";
import type { CaseloadAdvisor, StudentNeedsAction, StudentRosterArgs, StudentRosterConnection } from "./student-roster.types";

interface RosterRow {
  id: string;
  display_name: string;
  sort_name: string;
  shares: boolean;
  class_year: number | null;
  major: string | null;
  fields: string[] | null;
  last_at: Date | null;
  kinds: StudentNeedsAction[] | null;
  advisor_id: string | null;
  advisor_name: string | null;
  n: number;
  k: string;
}

/** The cursor's key: the row's (n, k, sort_name), the sort's position before the id (student-roster.sql.ts). */
function rosterPosition(after: string | null | undefined): [number, string, string] | null {
  const cursor = decodeCursor(after);
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(cursor.key);
    if (
      Array.isArray(key) &&
      key.length === 3 &&
      (key[0] === 0 || key[0] === 1) &&
      /^-?\d+(\.\d+)?$/.test(String(key[1])) &&
      typeof key[2] === "string"
    )
      return [key[0], String(key[1]), key[2]];
  } catch {
    // The same answer as any other bad cursor.
  }
  throw badInput([{ field: "after", message: "This cursor is not valid. Start again without `after`." }]);
}

/**
 * The advisors' students table and caseloads: who is on which advisor's caseload, assigning them, and the table with
 * last activity and needs-action (docs/reports.md, Students table). Advisors and admins only.
 */
export class StudentRoster {
  constructor(private readonly deps: ServiceDeps) {}

  async list(viewer: Viewer, args: StudentRosterArgs): Promise<StudentRosterConnection> {
    staff(viewer);
    const position = rosterPosition(args.after);
    const search = args.search?.trim() ? containsPattern(args.search.trim()) : null;
    const since = new Date(Date.now() - NEEDS_ACTION_DASHBOARD.inactiveDays * 86_400_000);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const advisor = await advisorOf(m, viewer, args.advisorMembershipId);
      const rows: RosterRow[] = await m.query(studentRosterSql(args.sort, args.direction), [
        viewer.institutionId,
        since,
        NEEDS_ACTION_DASHBOARD.expiringWithinHours,
        search,
        advisor,
        args.classYear ?? null,
        args.needsActionOnly,
        position?.[0] ?? null,
        position?.[1] ?? null,
        position?.[2] ?? null,
        position ? decodeCursor(args.after)!.id : null,
        args.first + 1,
      ]);
      const years: Array<{ class_year: number }> = await m.query(ROSTER_CLASS_YEARS_SQL, [viewer.institutionId]);
      const page = toPage(
        rows.slice(0, args.first),
        rows.length > args.first,
        (r) => ({ key: JSON.stringify([r.n, r.k, r.sort_name]), id: r.id }),
        (r) => ({
          membershipId: r.id,
          displayName: r.display_name,
          sharesWithAdvisors: r.shares,
          classYear: r.class_year,
          major: r.major,
          fields: r.fields,
          lastActivityAt: r.last_at,
          needsAction: r.kinds,
          advisorMembershipId: r.advisor_id,
          advisorName: r.advisor_name,
        }),
      );
      return { ...page, classYears: years.map((y) => y.class_year) };
    });
  }

  async advisors(viewer: Viewer): Promise<CaseloadAdvisor[]> {
    staff(viewer);
    return tenantTransaction(this.deps.dataSource, viewer, (m) => m.query(CASELOAD_ADVISORS_SQL, [viewer.institutionId]));
  }

  async assignment(viewer: Viewer, studentMembershipId: string): Promise<AdvisorAssignment> {
    staff(viewer);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      if (!(await isMember(m, viewer, studentMembershipId, "STUDENT"))) throw notFound("Student");
      const [row]: Array<{ advisor_id: string | null }> = await m.query(
        `SELECT advisor_id FROM student_profiles WHERE institution_id = $1 AND membership_id = $2`,
        [viewer.institutionId, studentMembershipId],
      );
      return { studentMembershipId, advisorMembershipId: row?.advisor_id ?? null };
    });
  }

  /** Puts a student on an advisor's caseload (or none), recorded in the audit log with the advisor before and after. */
  async assign(viewer: Viewer, studentMembershipId: string, advisorMembershipId: string | null): Promise<AdvisorAssignment> {
    staff(viewer);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      if (!(await isMember(m, viewer, studentMembershipId, "STUDENT"))) throw notFound("Student");
      const advisor = await advisorOf(m, viewer, advisorMembershipId);
      const [before]: Array<{ advisor_id: string | null }> = await m.query(
        `SELECT advisor_id FROM student_profiles WHERE institution_id = $1 AND membership_id = $2`,
        [viewer.institutionId, studentMembershipId],
      );
      await m.query(
        `INSERT INTO student_profiles (membership_id, institution_id, advisor_id) VALUES ($1, $2, $3)
         ON CONFLICT (institution_id, membership_id) DO UPDATE SET advisor_id = EXCLUDED.advisor_id, updated_at = now()`,
        [studentMembershipId, viewer.institutionId, advisor],
      );
      const previous = before?.advisor_id ?? null;
      if (previous !== advisor)
        await recordAudit(m, {
          institutionId: viewer.institutionId,
          actor: personActor(viewer, ["ADMIN", "ADVISOR"]),
          action: "student.advisor_assigned",
          target: { type: "student", id: studentMembershipId },
          subjectMembershipId: studentMembershipId,
          before: { advisorMembershipId: previous },
          after: { advisorMembershipId: advisor },
        });
      return { studentMembershipId, advisorMembershipId: advisor };
    });
  }
}

function staff(viewer: Viewer): void {
  if (!hasRole(viewer, "ADVISOR", "ADMIN")) throw forbidden();
}

/** The advisor whose caseload is asked for: null for everyone; NOT_FOUND unless an advisor of this institution. */
async function advisorOf(m: EntityManager, viewer: Viewer, id: string | null | undefined): Promise<string | null> {
  if (id == null) return null;
  if (!(await isMember(m, viewer, id, "ADVISOR"))) throw notFound("Advisor");
  return id;
}

async function isMember(m: EntityManager, viewer: Viewer, id: string, role: "STUDENT" | "ADVISOR"): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows: unknown[] = await m.query(`SELECT 1 FROM memberships WHERE id = $1 AND institution_id = $2 AND role = $3`, [
    id,
    viewer.institutionId,
    role,
  ]);
  return rows.length > 0;
}
