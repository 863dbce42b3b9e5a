/** An email the delivery plans, and what planning needs: shared by planDelivery and the words (request-emails.ts). */
import type { MailAttachment } from "./mailer";
import type { Person, RequestFacts } from "./request-facts";

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
  attachments: MailAttachment[];
}

export interface PlanContext {
  publicUrl: string;
  /** The signed single-use token for one person's "did it happen?" answer (modules/requests/meeting-checks). */
  meetingCheckToken?: (facts: RequestFacts, side: Side, reminder: string) => string;
}
