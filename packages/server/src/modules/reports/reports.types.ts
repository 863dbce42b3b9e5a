import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { OutcomeKind, TimelineEntryKind } from "./reports.enums";

@ObjectType({
  description:
    "The funnel of one period for one group. Rates and medians are null when there is nothing to divide by. See docs/reports.md.",
})
export class ReportMetrics {
  @Field(() => Int, { description: "Requests sent in the period." })
  requested: number;
  @Field(() => Int, { description: "Of those, accepted (now ACCEPTED, COMPLETED, CANCELLED or NO_SHOW)." })
  accepted: number;
  @Field(() => Int)
  declined: number;
  @Field(() => Int)
  expired: number;
  @Field(() => Int)
  completed: number;
  @Field(() => Int)
  noShows: number;
  @Field(() => Int, { description: "Completed conversations whose thank-you was recorded." })
  thanked: number;
  @Field(() => Float, { nullable: true, description: "accepted / requested." })
  acceptanceRate: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Median hours from sending to the alum's answer (accept, decline or other time), over answered requests.",
  })
  medianHoursToAnswer: number | null;
  @Field(() => Float, { nullable: true, description: "completed / accepted." })
  completionRate: number | null;
  @Field(() => Float, { nullable: true, description: "noShows / (completed + noShows)." })
  noShowRate: number | null;
  @Field(() => Float, { nullable: true, description: "thanked / completed." })
  thankYouRate: number | null;
  @Field(() => Float, { nullable: true, description: "Median days from completion to the thank-you, over thanked conversations." })
  medianDaysToThankYou: number | null;
  @Field(() => Int, { description: "Messages the Rule #1 check flagged in the period, returned for rewording or sent with confirmation." })
  ruleOneFlags: number;
  @Field(() => Int, { description: "Outcomes students recorded in the period." })
  outcomes: number;
  @Field(() => Int, {
    description:
      "Of the requests sent, those for which either person said what they need (accommodations): a count only, never which needs or whose.",
  })
  withAccommodations: number;
}

@ObjectType({ description: "One group of a report (or the total), in the period and the one before it." })
export class ReportRow {
  @Field(() => String, {
    nullable: true,
    description: "The group's id (career field id, class year, membership id); null for the total and for 'none'.",
  })
  key: string | null;
  @Field()
  label: string;
  @Field(() => Int, {
    nullable: true,
    description: "Distinct students behind this row in the current period; null when that period is suppressed.",
  })
  students: number | null;
  @Field(() => ReportMetrics, {
    nullable: true,
    description:
      "Null when the current period is suppressed for this reader (currentSuppressed; only ever on the total: a breakdown row is left out instead).",
  })
  current: ReportMetrics | null;
  @Field(() => ReportMetrics, {
    nullable: true,
    description:
      "Null when the previous period is suppressed for this reader (previousSuppressed): each period is judged on its own (ADR 0023).",
  })
  previous: ReportMetrics | null;
  @Field({ description: "Whether the current period's numbers are withheld from this reader (never for admins)." })
  currentSuppressed: boolean;
  @Field({ description: "Whether the previous period's numbers are withheld from this reader (never for admins)." })
  previousSuppressed: boolean;
}

@ObjectType({ description: "The request funnel for one period, compared with the period before it." })
export class RequestReport {
  @Field()
  periodStart: Date;
  @Field({ description: "Exclusive." })
  periodEnd: Date;
  @Field()
  previousStart: Date;
  @Field({ description: "Exclusive; equal to periodStart." })
  previousEnd: Date;
  @Field(() => ReportRow, {
    nullable: true,
    description:
      "Every student of the report together; null when both periods are suppressed (totalSuppressed): for readers below admin, when too few students are behind it, or when it would reveal a suppressed row by subtraction. With one period suppressed the total is there with that period null.",
  })
  total: ReportRow | null;
  @Field({ description: "Whether the total is withheld from this reader in both periods (never for admins)." })
  totalSuppressed: boolean;
  @Field(() => [ReportRow], { description: "Largest first (most requests this period); at most `first` of them when it is given." })
  rows: ReportRow[];
  @Field(() => Int, {
    description: "How many rows the breakdown has (after the small groups are left out), whether or not `first` cut them.",
  })
  rowCount: number;
  @Field(() => Int, {
    description:
      "Groups left out because fewer than minimumGroupSize students are behind them, or because the total and the other rows would reveal such a group (complementary suppression); never for admins.",
  })
  suppressedGroups: number;
  @Field(() => Int)
  minimumGroupSize: number;
}

@ObjectType({
  description:
    "One period of a trend chart: requests sent in it and how far they got. For readers below admin, a period of fewer than the minimum group of students is suppressed: its counts are null.",
})
export class TrendPoint {
  @Field()
  periodStart: Date;
  @Field(() => Int, { nullable: true })
  requested: number | null;
  @Field(() => Int, { nullable: true })
  accepted: number | null;
  @Field(() => Int, { nullable: true })
  completed: number | null;
  @Field(() => Int, { nullable: true })
  thanked: number | null;
  @Field({ description: "Whether the counts are withheld (too few students behind them)." })
  suppressed: boolean;
  /** Distinct students behind the point (not in the API; suppression reads it). */
  students?: number;
}

@ObjectType({ description: "A student with no activity for the asked number of days." })
export class InactiveStudent {
  @Field(() => ID)
  studentMembershipId: string;
  @Field()
  studentName: string;
  @Field(() => Date, {
    nullable: true,
    description: "The latest request, follow-up, outcome or contact-log entry; null when there is none.",
  })
  lastActivityAt: Date | null;
  @Field(() => Int, { description: "Days since lastActivityAt (or since joining, without any activity)." })
  daysInactive: number;
  @Field(() => Int)
  requestsSent: number;
}

@ObjectType({ description: "A completed conversation whose thank-you is past due." })
export class OverdueThankYou {
  @Field(() => ID)
  requestId: string;
  @Field(() => ID)
  studentMembershipId: string;
  @Field()
  studentName: string;
  @Field(() => ID)
  alumnusMembershipId: string;
  @Field()
  alumnusName: string;
  @Field()
  completedAt: Date;
  @Field()
  thankYouDueAt: Date;
  @Field(() => Int)
  daysOverdue: number;
}

@ObjectType({ description: "An alum asked more than their monthly capacity: open requests, or requests received in the last 30 days." })
export class OverloadedAlumnus {
  @Field(() => ID)
  alumnusMembershipId: string;
  @Field()
  alumnusName: string;
  @Field(() => Int)
  monthlyCapacity: number;
  @Field(() => Int, { description: "REQUESTED, or ACCEPTED with the meeting still ahead." })
  openRequests: number;
  @Field(() => Int)
  receivedLast30Days: number;
}

@ObjectType({
  description: "An alum who leaves requests unanswered: waiting more than 3 days now, or expired in the last 90 days (2 or more together).",
})
export class UnresponsiveAlumnus {
  @Field(() => ID)
  alumnusMembershipId: string;
  @Field()
  alumnusName: string;
  @Field(() => Int)
  waitingOver3Days: number;
  @Field(() => Int)
  expiredLast90Days: number;
  @Field(() => Date, { nullable: true })
  lastAnsweredAt: Date | null;
}

@ObjectType({ description: "A request still waiting for the alum that expires soon." })
export class ExpiringRequest {
  @Field(() => ID)
  requestId: string;
  @Field(() => ID)
  studentMembershipId: string;
  @Field()
  studentName: string;
  @Field(() => ID)
  alumnusMembershipId: string;
  @Field()
  alumnusName: string;
  @Field()
  sentAt: Date;
  @Field()
  expiresAt: Date;
  @Field(() => Float)
  hoursLeft: number;
}

@ObjectType({
  description:
    'A booked meeting that ended more than a week ago and nobody answered whether it happened (the "did it happen?" nudges went unanswered).',
})
export class UnsettledMeeting {
  @Field(() => ID)
  requestId: string;
  @Field(() => ID)
  studentMembershipId: string;
  @Field()
  studentName: string;
  @Field(() => ID)
  alumnusMembershipId: string;
  @Field()
  alumnusName: string;
  @Field()
  meetingStartsAt: Date;
  @Field()
  meetingEndsAt: Date;
}

@ObjectType({
  description:
    "Lists that need an advisor's action, each capped at `first` items. Lists that name a student include only students who share their activity with advisors (STUDENT_SHARE_WITH_ADVISORS).",
})
export class NeedsAction {
  @Field(() => [InactiveStudent])
  inactiveStudents: InactiveStudent[];
  @Field(() => [OverdueThankYou])
  overdueThankYous: OverdueThankYou[];
  @Field(() => [OverloadedAlumnus])
  overloadedAlumni: OverloadedAlumnus[];
  @Field(() => [UnresponsiveAlumnus])
  unresponsiveAlumni: UnresponsiveAlumnus[];
  @Field(() => [ExpiringRequest])
  expiringRequests: ExpiringRequest[];
  @Field(() => [UnsettledMeeting], { description: 'Meetings over a week past with no answer to "did it happen?".' })
  unsettledMeetings: UnsettledMeeting[];
}

@ObjectType({ description: "How many outcomes of one kind students recorded in the period and the one before." })
export class OutcomeCount {
  @Field(() => OutcomeKind)
  kind: OutcomeKind;
  @Field(() => Int, { nullable: true, description: "Null when suppressed." })
  current: number | null;
  @Field(() => Int, { nullable: true, description: "Null when suppressed." })
  previous: number | null;
  @Field({
    description:
      "Whether the counts are withheld from this reader: too few students behind them, or needed to keep another such kind from being derived from the total (never for admins).",
  })
  suppressed: boolean;
}

@ObjectType({ description: "One dated entry of a student's history, for advisors." })
export class TimelineEntry {
  @Field()
  at: Date;
  @Field(() => TimelineEntryKind)
  kind: TimelineEntryKind;
  @Field(() => ID, { nullable: true })
  requestId: string | null;
  @Field(() => String, { nullable: true })
  alumnusName: string | null;
  @Field(() => String, { nullable: true, description: "The request's state after the event, for REQUEST_SENT and REQUEST_EVENT." })
  state: string | null;
  @Field(() => OutcomeKind, { nullable: true })
  outcomeKind: OutcomeKind | null;
  @Field(() => String, {
    nullable: true,
    description: "The outcome's note, or the advice of a note the student shared with advisors. Never an unshared note.",
  })
  detail: string | null;
}

@ObjectType({ description: "Which advisor's caseload a student is on." })
export class AdvisorAssignment {
  @Field(() => ID)
  studentMembershipId: string;
  @Field(() => ID, { nullable: true })
  advisorMembershipId: string | null;
}
