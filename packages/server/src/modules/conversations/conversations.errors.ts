import { AppError, badInput } from "../../graphql/errors";

export const conversationNotStarted = () =>
  new AppError("CONVERSATION_NOT_STARTED", "Notes and suggested names can be kept once the conversation has started.");
export const notesNotShared = () =>
  new AppError("NOTES_NOT_SHARED", "The student has not shared notes on this conversation with advisors.");
export const activityNotShared = () =>
  new AppError("ACTIVITY_NOT_SHARED", "This student has not chosen to share their activity with advisors.");
export const followUpNotOpen = () => new AppError("FOLLOW_UP_NOT_OPEN", "Follow-ups start once the conversation is marked completed.");
export const sentAtInvalid = () =>
  new AppError("SENT_AT_INVALID", "The date sent must be after the conversation started and not in the future.");
export const contactNotPermitted = () =>
  new AppError(
    "CONTACT_NOT_PERMITTED",
    "You recorded that this alum does not wish to be contacted again. Change that first if they agreed after all.",
  );
export const THANK_YOU_MAX = 4000;
export const thankYouTextRequired = () => new AppError("THANK_YOU_TEXT_REQUIRED", "Write your thank-you before sending it.");
export const thankYouTextTooLong = (length: number) =>
  new AppError("THANK_YOU_TEXT_TOO_LONG", `Keep the thank-you to ${THANK_YOU_MAX} characters (it has ${length}).`, {
    max: THANK_YOU_MAX,
    length,
  });
export const thankYouAlreadySent = (channel: string | null) =>
  new AppError("THANK_YOU_ALREADY_SENT", "Your thank-you for this conversation is already recorded as sent; it is not sent twice.", {
    channel,
  });
export const thankYouChannelInvalid = () =>
  new AppError(
    "THANK_YOU_CHANNEL_INVALID",
    "PLATFORM is recorded only by sending the thank-you through Infoview; for one sent another way, choose EMAIL, CARD, LETTER or OTHER.",
  );
export const thankYouEmailOff = () =>
  new AppError(
    "THANK_YOU_EMAIL_OFF",
    "This alum does not receive emails about their conversations through Infoview. Send your thank-you another way (email, card or letter) and record it as sent.",
  );
export const thankYouRuleOne = (result: { matches: unknown[]; guidance: string[] }) =>
  new AppError(
    "THANK_YOU_RULE_ONE",
    "Your thank-you seems to ask for a job, an internship or a referral for a position. A thank-you after an informational interview thanks them for their time and advice: reword it and send it again.",
    { matches: result.matches, guidance: result.guidance },
  );
export const referralAlreadyRequested = () =>
  new AppError(
    "REFERRAL_ALREADY_REQUESTED",
    "A request was already made to this person, so the referral can only be REQUESTED, MET or NOT_PURSUED.",
  );
export const unknownAlumnus = (field = "alumnusId") => badInput([{ field, message: "Choose an alum from the directory." }]);
export const nameRequired = () => badInput([{ field: "name", message: "Give the person's name, or choose an alum from the directory." }]);
