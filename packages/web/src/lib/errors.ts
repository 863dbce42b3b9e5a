import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import { t } from "../i18n";

/** An error put in words a person can act on, with per-field messages for forms. */
export interface UserFacingError {
  code: string | null;
  message: string;
  fields: Record<string, string>;
}

type Extensions = Record<string, unknown> | undefined;
export type MessageFor = string | ((extensions: Extensions) => string);

const OFFLINE_MESSAGE = () => t("ui.error.offline");
const GENERIC_MESSAGE = () => t("ui.error.generic");

/** Plain words for the server's stable error codes; a screen may override any of them. */
const DEFAULT_MESSAGES: Record<string, MessageFor> = {
  INVALID_CREDENTIALS: () => t("ui.error.invalidCredentials"),
  TOO_MANY_ATTEMPTS: (ext) => {
    const seconds = typeof ext?.retryAfterSeconds === "number" ? ext.retryAfterSeconds : 900;
    return t("ui.error.tooManyAttempts", { minutes: Math.max(1, Math.ceil(seconds / 60)) });
  },
  UNAUTHENTICATED: () => t("ui.error.sessionEnded"),
  SESSION_REVOKED: () => t("ui.error.sessionEnded"),
  FORBIDDEN: () => t("ui.error.forbidden"),
  NO_MEMBERSHIP: () => t("ui.error.noMembership"),
  BAD_USER_INPUT: () => t("ui.error.badUserInput"),
  GRAPHQL_VALIDATION_FAILED: () => t("ui.error.outOfDate"),
  GRAPHQL_PARSE_FAILED: () => t("ui.error.outOfDate"),
  INTERNAL_SERVER_ERROR: GENERIC_MESSAGE,
};

function fieldErrors(extensions: Extensions): Record<string, string> {
  const fields = extensions?.fields;
  if (!Array.isArray(fields)) return {};
  const result: Record<string, string> = {};
  for (const item of fields as Array<{ field?: unknown; message?: unknown }>) {
    if (typeof item?.field !== "string" || typeof item.message !== "string") continue;
    // The server names nested fields "input.email"; forms know them as "email".
    const name = item.field.split(".").pop() as string;
    result[name] ??= item.message;
  }
  return result;
}

/** Describes any error from Apollo Client (or fetch) for the person using the page. */
export function describeError(error: unknown, overrides: Record<string, MessageFor> = {}): UserFacingError {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const extensions = first?.extensions as Extensions;
    const code = typeof extensions?.code === "string" ? extensions.code : null;
    const known = code ? (overrides[code] ?? DEFAULT_MESSAGES[code]) : undefined;
    // Messages of our own error codes are written for people; anything else gets a generic one.
    const message = known
      ? typeof known === "function"
        ? known(extensions)
        : known
      : code
        ? (first?.message ?? GENERIC_MESSAGE())
        : GENERIC_MESSAGE();
    return { code, message, fields: fieldErrors(extensions) };
  }
  if (ServerError.is(error)) {
    const message = error.statusCode >= 500 ? t("ui.error.serverTrouble") : GENERIC_MESSAGE();
    return { code: `HTTP_${error.statusCode}`, message, fields: {} };
  }
  return { code: "NETWORK", message: OFFLINE_MESSAGE(), fields: {} };
}
