import { registerEnumType } from "type-graphql";

export enum ReportPeriod {
  WEEK = "WEEK",
  MONTH = "MONTH",
  TERM = "TERM",
}
registerEnumType(ReportPeriod, {
  name: "ReportPeriod",
  description:
    "A calendar period in the institution's time zone: a week (Monday to Sunday), a month, or a term (half-year: January–June or July–December).",
});

export enum ReportGroupBy {
  NONE = "NONE",
  CAREER_FIELD = "CAREER_FIELD",
  CLASS_YEAR = "CLASS_YEAR",
  ALUMNUS = "ALUMNUS",
  ADVISOR = "ADVISOR",
}
registerEnumType(ReportGroupBy, {
  name: "ReportGroupBy",
  description:
    "How a report is broken down: by the student's career fields (a request counts under each field the student chose), the student's class year, the alum asked, or the student's advisor.",
});

export enum ReportKind {
  REQUESTS = "REQUESTS",
  TREND = "TREND",
  OUTCOMES = "OUTCOMES",
  INACTIVE_STUDENTS = "INACTIVE_STUDENTS",
  OVERDUE_THANK_YOUS = "OVERDUE_THANK_YOUS",
  OVERLOADED_ALUMNI = "OVERLOADED_ALUMNI",
  UNRESPONSIVE_ALUMNI = "UNRESPONSIVE_ALUMNI",
  EXPIRING_REQUESTS = "EXPIRING_REQUESTS",
}
registerEnumType(ReportKind, { name: "ReportKind", description: "A report or needs-action list, for reportCsv." });

export enum OutcomeKind {
  PURSUING_FIELD = "PURSUING_FIELD",
  LEAVING_FIELD = "LEAVING_FIELD",
  INTERNSHIP_OFFER = "INTERNSHIP_OFFER",
  JOB_OFFER = "JOB_OFFER",
  FURTHER_INTRODUCTION = "FURTHER_INTRODUCTION",
  OTHER = "OTHER",
}
registerEnumType(OutcomeKind, {
  name: "OutcomeKind",
  description:
    "What came of a conversation: decided to pursue or to leave a field, an internship or job offer, a further introduction, or something else.",
});
export const OUTCOME_KINDS = Object.values(OutcomeKind);

export enum TimelineEntryKind {
  REQUEST_SENT = "REQUEST_SENT",
  REQUEST_EVENT = "REQUEST_EVENT",
  THANK_YOU_SENT = "THANK_YOU_SENT",
  NOTE_SHARED = "NOTE_SHARED",
  OUTCOME = "OUTCOME",
}
registerEnumType(TimelineEntryKind, { name: "TimelineEntryKind", description: "What one entry of a student's timeline records." });
