import { enqueue } from "../../db/outbox";
import type { Viewer } from "../../auth/viewer";
import { kindOfTopic, preferencesOfMembers } from "../notifications";
import { checkRuleOne } from "../requests";
import {
  THANK_YOU_MAX,
  thankYouAlreadySent,
  thankYouEmailOff,
  thankYouRuleOne,
  thankYouTextRequired,
  thankYouTextTooLong,
} from "./conversations.errors";
import type { FollowUp } from "./follow-up.entity";
import type { FollowUpsService } from "./follow-ups.service";

const TOPIC = "followup.thank_you_sent" as const;

/** Line ends made plain and trailing spaces dropped; paragraphs kept as the student wrote them. */
export const cleanThankYou = (text: string): string =>
  text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();

/**
 * The thank-you composer's "send through Infoview": the alum is emailed the student's words (outbox → notifications,
 * honouring the alum's preferences), the thank-you is recorded as sent (PLATFORM) with those words, and the contact log
 * shows it. Sent once: a second send is THANK_YOU_ALREADY_SENT; a retry with the same idempotency key returns the first.
 */
export class ThankYouService {
  constructor(private readonly followUps: FollowUpsService) {}

  async sendThankYou(viewer: Viewer, requestId: string, rawText: string, idempotencyKey?: string | null): Promise<FollowUp> {
    const text = cleanThankYou(rawText);
    if (!text) throw thankYouTextRequired();
    if (text.length > THANK_YOU_MAX) throw thankYouTextTooLong(text.length);
    // Rule #1 holds after the conversation too: a thank-you never asks for a job. No override: reword it.
    const ruleOne = checkRuleOne(text);
    if (ruleOne.flagged) throw thankYouRuleOne(ruleOne);
    return this.followUps.change(
      viewer,
      requestId,
      async (m, request, followUp) => {
        // Sent twice is refused, whichever way the first went; an idempotent retry never gets here.
        if (followUp.thankYouSentAt) throw thankYouAlreadySent(followUp.thankYouChannel);
        const kind = kindOfTopic(TOPIC, { requestId: request.id });
        const prefs = (await preferencesOfMembers(m, request.institutionId, [request.alumnusId])).get(request.alumnusId);
        // The alum turned these emails off: say so now rather than record a thank-you nobody receives.
        if (kind && prefs && prefs.choices[kind].email === "OFF") throw thankYouEmailOff();
        await m.query(
          `UPDATE follow_ups SET thank_you_sent_at = now(), thank_you_channel = 'PLATFORM', thank_you_text = $2, updated_at = now()
            WHERE institution_id = $3 AND request_id = $1`,
          [request.id, text, request.institutionId],
        );
        await enqueue(m, request.institutionId, TOPIC, {
          requestId: request.id,
          studentId: request.studentId,
          alumnusId: request.alumnusId,
        });
      },
      { operation: "sendThankYou", key: idempotencyKey, input: { requestId, text } },
    );
  }
}
