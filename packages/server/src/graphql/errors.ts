import { GraphQLError, type GraphQLFormattedError } from "graphql";

/**
 * An error a client may see: a stable code in extensions.code and a message safe to show.
 * Modules define their own codes in <thing>.errors.ts with these helpers.
 */
export class AppError extends GraphQLError {
  constructor(
    readonly code: string,
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export interface FieldError {
  field: string;
  message: string;
}

export const unauthenticated = () => new AppError("UNAUTHENTICATED", "Please sign in to continue.");
export const forbidden = () => new AppError("FORBIDDEN", "You do not have permission to do that.");
export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} was not found.`);
export const badInput = (fields: FieldError[]) =>
  new AppError("BAD_USER_INPUT", fields.map((f) => `${f.field}: ${f.message}`).join("; "), { fields });

const SAFE_CODES_FROM_LIBRARIES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "OPERATION_RESOLUTION_FAILURE",
]);

const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;

/**
 * Shapes every error that leaves the server: our AppErrors and GraphQL's own validation
 * errors pass through; anything else becomes INTERNAL_SERVER_ERROR with no stack or detail.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof AppError) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: original.extensions };
  }
  const code = formatted.extensions?.code;
  // type-graphql's argument validation: report the failing fields, not the stack.
  const validation = (original as { extensions?: { validationErrors?: unknown } } | undefined)?.extensions?.validationErrors;
  if (Array.isArray(validation)) {
    const fields = flattenValidation(validation);
    return {
      message: fields.map((f) => `${f.field}: ${f.message}`).join("; ") || "Invalid input.",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "BAD_USER_INPUT", fields },
    };
  }
  // graphql-js stops coercing variables after 50 errors with an error of no code (Apollo then calls it
  // INTERNAL_SERVER_ERROR): still the client's input.
  if (
    (code === undefined || code === "INTERNAL_SERVER_ERROR") &&
    original instanceof GraphQLError &&
    !original.originalError &&
    TOO_MANY_VARIABLE_ERRORS.test(original.message)
  ) {
    return {
      message: "Too many invalid values in the variables; fix the ones reported and send again.",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "BAD_USER_INPUT", fields: [] },
    };
  }
  if (typeof code === "string" && SAFE_CODES_FROM_LIBRARIES.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  if (typeof code === "string" && (code === "UNAUTHENTICATED" || code === "FORBIDDEN")) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  if (isStatementTimeout(original)) {
    return {
      message: "The request took too long. Please try again.",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "REQUEST_TIMEOUT" },
    };
  }
  if (isDatabaseUnavailable(original)) {
    return {
      message: "The database cannot be reached right now. Please try again in a moment.",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "DATABASE_UNAVAILABLE" },
    };
  }
  return {
    message: "Something went wrong on our side. Please try again.",
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}

/** PostgreSQL cancelled a statement that ran past statement_timeout (SQLSTATE 57014, query_canceled). */
export function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  return e?.code === "57014" || e?.driverError?.code === "57014";
}

/** SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, restart). */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3])/;
const UNAVAILABLE_NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN"]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/**
 * TypeORM's errors for a query runner whose connection was already given back: what a transaction meets when its
 * connection died under it (PostgreSQL restarting). They are still logged with their stack (see http/graphql-route.ts).
 */
const RELEASED_RUNNER = new Set(["QueryRunnerProviderAlreadyReleasedError", "QueryRunnerAlreadyReleasedError"]);

/** Whether an error means PostgreSQL is not reachable (down, restarting, network), not that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; name?: unknown } | undefined, i = 0;
    e && i < 4;
    i++
  ) {
    if (typeof e.name === "string" && RELEASED_RUNNER.has(e.name)) return true;
    if (typeof e.code === "string" && (UNAVAILABLE_SQLSTATE.test(e.code) || UNAVAILABLE_NETWORK.has(e.code))) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

function flattenValidation(errors: ValidationErrorLike[], prefix = ""): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(e.children ?? [], field)];
  });
}
