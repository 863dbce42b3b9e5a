/**
 * The rules that put a student on a needs-action list, each once, as SQL conditions on the rows named by the caller.
 * The lists (report-sql.ts) and the students table's needs-action column (student-roster.sql.ts) both use them, so a
 * student is flagged in the table exactly when they are on the dashboard's list (docs/reports.md, needsAction).
 */
export const NEEDS_ACTION_RULES = {
  /** `a` is the student's student_activity row; `since` a timestamptz: nothing happened since. */
  inactive: (a: string, since: string) => `${a}.since < ${since}`,
  /** `f` a follow_ups row, `r` its request: a completed conversation whose thank-you is past due. */
  thankYouOverdue: (f: string, r: string) =>
    `${f}.thank_you_sent_at IS NULL AND ${f}.thank_you_due_at < now() AND ${r}.state = 'COMPLETED'`,
  /** `r` a request still waiting for the alum that expires within `hours` (an int parameter). */
  requestExpiring: (r: string, hours: string) =>
    `${r}.state = 'REQUESTED' AND ${r}.expires_at > now() AND ${r}.expires_at <= now() + make_interval(hours => ${hours}::int)`,
  /** `r` a booked meeting that ended over a week ago with nobody saying whether it happened (ADR 0021). */
  meetingUnsettled: (r: string) => `${r}.state = 'ACCEPTED' AND ${r}.meeting_ends_at <= now() - interval '7 days'`,
} as const;
