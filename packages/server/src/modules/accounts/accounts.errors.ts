import { AppError } from "../../graphql/errors";

export const invalidCredentials = () =>
  new AppError("INVALID_CREDENTIALS", "That email and password do not match an account. Check them and try again.");
export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError("TOO_MANY_ATTEMPTS", `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, {
    retryAfterSeconds,
  });
export const sessionRevoked = () => new AppError("SESSION_REVOKED", "This session has ended. Please sign in again.");
export const invitationInvalid = () =>
  new AppError("INVITATION_INVALID", "This invitation link is not valid any more. Ask your career center for a new one.");
export const notAMember = () => new AppError("FORBIDDEN", "You are not a member of that institution.");
export const membershipDeactivated = () =>
  new AppError("MEMBERSHIP_DEACTIVATED", "Your institution has deactivated your account. Contact its career center if this is a mistake.");

/** Password sign-in refused: this institution asks this role to use campus sign-in (modules/identity). */
export const ssoRequired = (institution: { slug: string; name: string }) =>
  new AppError("SSO_REQUIRED", `${institution.name} asks you to sign in with your campus account.`, {
    institutionSlug: institution.slug,
    institutionName: institution.name,
  });
