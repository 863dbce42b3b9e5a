import type { ContactChannel, ConsentKind, RequestState } from "../../../graphql/types.generated";
import { t, translatedLabels, type MessageId } from "../../../i18n";

type Tone = "waiting" | "good" | "done" | "closed";

const state = (tone: Tone, label: MessageId, explain: MessageId) => ({
  tone,
  get label() {
    return t(label);
  },
  get explain() {
    return t(explain);
  },
});

/** What each state means for the student, in a word or two and in a sentence (in the reader's language). */
export const STATE_LABELS: Record<RequestState, { label: string; tone: Tone; explain: string }> = {
  REQUESTED: state("waiting", "student.state.requested", "student.state.requested.explain"),
  ACCEPTED: state("good", "student.state.accepted", "student.state.accepted.explain"),
  COMPLETED: state("done", "student.state.completed", "student.state.completed.explain"),
  DECLINED: state("closed", "student.state.declined", "student.state.declined.explain"),
  EXPIRED: state("closed", "student.state.expired", "student.state.expired.explain"),
  WITHDRAWN: state("closed", "student.state.withdrawn", "student.state.withdrawn.explain"),
  CANCELLED: state("closed", "student.state.cancelled", "student.state.cancelled.explain"),
  NO_SHOW: state("closed", "student.state.noShow", "student.state.noShow.explain"),
};

export const CONSENT_LABELS: Partial<Record<ConsentKind, { title: string; required: boolean }>> = {
  STUDENT_SHARE_WITH_ALUMNI: {
    get title() {
      return t("student.consent.shareWithAlumni");
    },
    required: true,
  },
  STUDENT_SHARE_WITH_ADVISORS: {
    get title() {
      return t("student.consent.shareWithAdvisors");
    },
    required: false,
  },
};

export const CHANNEL_LABELS: Record<ContactChannel, string> = translatedLabels({
  EMAIL: "student.channel.email",
  EVENT: "student.channel.event",
  IN_PERSON: "student.channel.inPerson",
  OTHER: "student.channel.other",
  PHONE: "student.channel.phone",
  VIDEO: "student.channel.video",
});
