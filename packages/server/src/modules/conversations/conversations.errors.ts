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
export const referralAlreadyRequested = () =>
  new AppError(
    "REFERRAL_ALREADY_REQUESTED",
    "A request was already made to this person, so the referral can only be REQUESTED, MET or NOT_PURSUED.",
  );
export const unknownAlumnus = (field = "alumnusId") => badInput([{ field, message: "Choose an alum from the directory." }]);
export const nameRequired = () => badInput([{ field: "name", message: "Give the person's name, or choose an alum from the directory." }]);
