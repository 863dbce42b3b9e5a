import { AppError } from "../../graphql/errors";

export const consentTextMissing = () =>
  new AppError(
    "CONSENT_TEXT_MISSING",
    "Your career center has not published the text for this consent yet, so it cannot be given. Please try again later.",
  );
export const consentNotForRole = () =>
  new AppError("FORBIDDEN", "This consent is for another role: students give the student ones, alumni the alumni ones.");
