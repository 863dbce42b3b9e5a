import { AppError } from "../../graphql/errors";

export const personNotFound = () => new AppError("PERSON_NOT_FOUND", "No person with this id belongs to your institution.");
export const alreadyErased = () => new AppError("PERSON_ALREADY_ERASED", "This person has already been erased.");
export const noErasurePending = () => new AppError("ERASURE_NOT_PENDING", "There is no pending request to delete this account.");
export const eraseSelfRefused = () =>
  new AppError("ERASE_SELF_REFUSED", "Admins cannot erase themselves at once; use Delete my account on your account page instead.");
