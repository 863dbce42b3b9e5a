import type { ContactChannel, ConsentKind, RequestState } from "../../../graphql/types.generated";

/** What each state means for the student, in a word or two and in a sentence. */
export const STATE_LABELS: Record<RequestState, { label: string; tone: "waiting" | "good" | "done" | "closed"; explain: string }> = {
  REQUESTED: { label: "Waiting for an answer", tone: "waiting", explain: "Sent. The alum hasn't answered yet." },
  ACCEPTED: { label: "Meeting booked", tone: "good", explain: "The alum said yes: your meeting is booked." },
  COMPLETED: { label: "Completed", tone: "done", explain: "The conversation took place." },
  DECLINED: { label: "Declined", tone: "closed", explain: "The alum can't take this one." },
  EXPIRED: { label: "Expired", tone: "closed", explain: "No answer came in time, so the request closed." },
  WITHDRAWN: { label: "Withdrawn", tone: "closed", explain: "You took this request back." },
  CANCELLED: { label: "Cancelled", tone: "closed", explain: "The meeting was called off." },
  NO_SHOW: { label: "Missed", tone: "closed", explain: "The meeting was recorded as missed." },
};

export const CONSENT_LABELS: Partial<Record<ConsentKind, { title: string; required: boolean }>> = {
  STUDENT_SHARE_WITH_ALUMNI: { title: "Share my profile with the alumni I contact", required: true },
  STUDENT_SHARE_WITH_ADVISORS: { title: "Share my profile and activity with my career advisors", required: false },
};

export const CHANNEL_LABELS: Record<ContactChannel, string> = {
  EMAIL: "Email",
  EVENT: "Event",
  IN_PERSON: "In person",
  OTHER: "Other",
  PHONE: "Phone",
  VIDEO: "Video",
};
