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
  if (typeof code === "string" && SAFE_CODES_FROM_LIBRARIES.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  if (typeof code === "string" && (code === "UNAUTHENTICATED" || code === "FORBIDDEN")) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  return {
    message: "Something went wrong on our side. Please try again.",
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
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
