import type { EntityManager } from "typeorm";
import {
  EXPIRING_REQUESTS_SQL,
  INACTIVE_STUDENTS_SQL,
  OVERDUE_THANK_YOUS_SQL,
  OVERLOADED_ALUMNI_SQL,
  UNRESPONSIVE_ALUMNI_SQL,
  UNSETTLED_MEETINGS_SQL,
} from "./report-sql";
import type { ExpiringRequest, NeedsAction } from "./reports.types";

/** What the advisors' dashboard asks for (features/advisor DashboardPage), and what the advisors' digest uses too. */
export const NEEDS_ACTION_DASHBOARD = { inactiveDays: 21, expiringWithinHours: 48 } as const;

/**
 * The needs-action lists, in the caller's transaction (the institution's tenant settings already set). The one place
 * they are computed: the `needsAction` query and the advisors' digest (modules/notifications) both read them here.
 * `advisor` narrows the student lists and expiring requests to that advisor's caseload (null: everyone); the alumni
 * lists are institution-wide. Arguments are checked by the caller.
 */
export async function needsActionLists(
  m: EntityManager,
  institutionId: string,
  args: { inactiveDays: number; expiringWithinHours: number; advisor: string | null; first: number },
): Promise<NeedsAction> {
  const { advisor, first } = args;
  const i = institutionId;
  const since = new Date(Date.now() - args.inactiveDays * 86_400_000);
  return {
    inactiveStudents: await m.query(INACTIVE_STUDENTS_SQL, [i, since, advisor, first]),
    overdueThankYous: await m.query(OVERDUE_THANK_YOUS_SQL, [i, advisor, first]),
    overloadedAlumni: await m.query(OVERLOADED_ALUMNI_SQL, [i, first]),
    unresponsiveAlumni: await m.query(UNRESPONSIVE_ALUMNI_SQL, [i, first]),
    expiringRequests: (await m.query(EXPIRING_REQUESTS_SQL, [i, args.expiringWithinHours, advisor, first])).map((r: ExpiringRequest) => ({
      ...r,
      hoursLeft: Number(r.hoursLeft),
    })),
    unsettledMeetings: await m.query(UNSETTLED_MEETINGS_SQL, [i, advisor, first]),
  };
}
