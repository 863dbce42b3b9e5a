import type { PlannedEmail } from "../notification-plan";
import type { RequestFacts } from "../request-facts";
import { advisorDigestEmail, followUpsDigestEmail, requestsDigestEmail, type DigestReader } from "./digest-emails";

const DAY = 86_400_000;

/** The three digests, as sent, with the made-up people and meeting of the admins' preview (email-catalog.ts). */
export function sampleDigests(facts: RequestFacts, publicUrl: string, now: Date): Array<{ kind: string; email: PlannedEmail }> {
  const reader = (p: RequestFacts["student"]): DigestReader => ({ ...p, institutionName: facts.institutionName });
  const link = (path: string) => `${publicUrl}/${path}#token=sample-token`;
  const advisor: DigestReader = {
    membershipId: "00000000-0000-4000-8000-000000000004",
    name: "Avery Advisor",
    email: "avery@example.edu",
    timeZone: facts.student.timeZone,
    institutionName: facts.institutionName,
    locale: facts.student.locale,
  };
  const student = { studentMembershipId: facts.student.membershipId, studentName: facts.student.name };
  const meeting = { requestId: facts.id, ...student, alumnusName: facts.alumnus.name };
  return [
    {
      kind: "digest.requests",
      email: requestsDigestEmail(
        reader(facts.alumnus),
        [
          {
            id: facts.id,
            studentName: facts.student.name,
            message: facts.message,
            expiresAt: facts.expiresAt,
            times: facts.openTimes.filter((t) => t.proposedBy === "STUDENT").map((t, i) => ({ id: String(i), startsAt: t.startsAt })),
          },
        ],
        publicUrl,
        (_, action, time) => `${publicUrl}/digest/sample-${action.toLowerCase()}${time ?? ""}`,
      ),
    },
    {
      kind: "digest.follow_ups",
      email: followUpsDigestEmail(
        reader(facts.student),
        [{ requestId: facts.id, alumnusName: facts.alumnus.name, thankYouDueAt: new Date(now.getTime() + DAY), updateDueAt: null }],
        [
          {
            requestId: "00000000-0000-4000-8000-000000000005",
            alumnusName: "Jordan Lee",
            meetingStartsAt: new Date(now.getTime() - 2 * DAY),
            answers: {
              happened: link("meeting-check") + "&answer=HAPPENED",
              noShow: link("meeting-check") + "&answer=NO_SHOW",
              moved: link("meeting-check") + "&answer=MOVED",
            },
          },
        ],
        publicUrl,
      ),
    },
    {
      kind: "digest.advisor_lists",
      email: advisorDigestEmail(
        advisor,
        {
          unsettledMeetings: [{ ...meeting, meetingEndsAt: new Date(now.getTime() - 9 * DAY) }],
          overdueThankYous: [{ ...meeting, daysOverdue: 3 }],
          expiringRequests: [{ ...meeting, hoursLeft: 20 }],
          inactiveStudents: [{ ...student, daysInactive: 30 }],
          overloadedAlumni: [
            { alumnusMembershipId: facts.alumnus.membershipId, alumnusName: facts.alumnus.name, openRequests: 6, monthlyCapacity: 4 },
          ],
          unresponsiveAlumni: [
            {
              alumnusMembershipId: "00000000-0000-4000-8000-000000000006",
              alumnusName: "Jordan Lee",
              waitingOver3Days: 2,
              expiredLast90Days: 1,
            },
          ],
        },
        "CASELOAD",
        publicUrl,
      ),
    },
  ];
}
