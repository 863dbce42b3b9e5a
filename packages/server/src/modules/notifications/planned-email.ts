/** An email the delivery plans, and what planning needs: shared by planDelivery and the words (request-emails.ts). */
import type { MailAttachment } from "./mailer";
import type { Person, RequestFacts } from "./request-facts";
import type { EmailLocale } from "./templates/i18n/words";

export type Side = "STUDENT" | "ALUMNUS";

export interface PlannedEmail {
  /** Who reads it: a side of the request, an advisor (their digest), or the career center (its advisors and admins). */
  side: Side | "ADVISOR" | "CAREER_CENTER";
  to: Person;
  subject: string;
  text: string;
  /** The same words as `text`, paragraph by paragraph: the HTML part is laid out from them (templates/email-layout). */
  paragraphs: string[];
  institutionName: string;
  /** The reader's language, `to.locale` (ADR 0033): the HTML's `lang`, the frame's and the footer's words. */
  locale: EmailLocale;
  attachments: MailAttachment[];
}

export interface PlanContext {
  publicUrl: string;
  /** The signed single-use token for one person's "did it happen?" answer (modules/requests/meeting-checks). */
  meetingCheckToken?: (facts: RequestFacts, side: Side, reminder: string) => string;
}
