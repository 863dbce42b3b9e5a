import { AppError } from "../../graphql/errors";

/**
 * Why a campus sign-in was refused. Each is logged in the sign-in log (sign_in_events.reason) and shown on the
 * page the browser lands on; none leaves a session behind.
 */
export const SSO_FAILURES = {
  SSO_STATE_INVALID: "This sign-in link has expired or was already used. Start again from the sign-in page.",
  SSO_PROVIDER_DISABLED: "Campus sign-in is not switched on for this institution yet.",
  SSO_PROVIDER_UNREACHABLE: "The campus sign-in service could not be reached. Try again in a few minutes.",
  SSO_RESPONSE_INVALID: "The campus sign-in service sent an answer we cannot accept.",
  SSO_SIGNATURE_INVALID: "The campus sign-in answer is not signed by your institution's identity provider.",
  SSO_ASSERTION_EXPIRED: "The campus sign-in answer has expired or is not valid yet. Try again.",
  SSO_AUDIENCE_MISMATCH: "The campus sign-in answer was meant for another service.",
  SSO_RECIPIENT_MISMATCH: "The campus sign-in answer was sent to another address.",
  SSO_REPLAYED: "This campus sign-in answer was already used. Start again from the sign-in page.",
  SSO_UNSOLICITED: "We did not ask for this campus sign-in. Start again from the sign-in page.",
  SSO_XML_FORBIDDEN: "The campus sign-in answer contains XML we do not accept.",
  SSO_NONCE_MISMATCH: "The campus sign-in answer does not belong to this sign-in. Start again from the sign-in page.",
  SSO_ISSUER_MISMATCH: "The campus sign-in answer comes from an unexpected identity provider.",
  SSO_TOKEN_EXPIRED: "The campus sign-in answer has expired. Try again.",
  SSO_IDP_ERROR: "Your institution's identity provider did not sign you in.",
  SSO_ATTRIBUTE_MISSING: "Your campus account did not send the identifier this institution matches people by.",
  SSO_NOT_LINKED: "Your campus account isn't linked to a person in Infoview yet.",
  SSO_AMBIGUOUS: "Your campus account matches more than one person here; the career center must fix the roster.",
} as const;
export type SsoFailureCode = keyof typeof SSO_FAILURES;

export class SsoFailure extends Error {
  constructor(
    readonly code: SsoFailureCode,
    /** For the sign-in log and the page: e.g. the identifier that was received. Never a secret. */
    readonly detail: string | null = null,
  ) {
    super(SSO_FAILURES[code]);
  }
}

export const providerNotFound = () => new AppError("NOT_FOUND", "No identity provider with that id here.");
export const providerConfigInvalid = (message: string) => new AppError("IDP_CONFIG_INVALID", message);
export const ssoNotReady = () =>
  new AppError("SSO_NOT_READY", "Switch on at least one identity provider (after testing it) before requiring campus sign-in.");
export const signInCodeInvalid = () =>
  new AppError("SIGN_IN_CODE_INVALID", "This sign-in has expired or was already completed. Sign in again.");
export const emailTokenInvalid = () => new AppError("EMAIL_TOKEN_INVALID", "This link has expired or was already used. Ask for a new one.");
export const tooManyEmails = (retryAfterSeconds: number) =>
  new AppError("TOO_MANY_EMAILS", `Too many emails asked for this address. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, {
    retryAfterSeconds,
  });
export const emailTaken = () => new AppError("EMAIL_TAKEN", "That address already belongs to an account.");
export const emailNotVerified = () => new AppError("EMAIL_NOT_VERIFIED", "Verify that address first: we sent it a link.");
