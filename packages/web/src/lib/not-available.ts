import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";

/**
 * Whether an error says the server does not know an operation (it rejects the query as invalid), as
 * with a client newer than its server: then a page says the feature is not available instead of
 * "try again".
 */
export function isNotAvailableYet(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.some(
      (e) => e.extensions?.code === "GRAPHQL_VALIDATION_FAILED" && /Cannot query field|Unknown type|Unknown argument/.test(e.message),
    );
  }
  return ServerError.is(error) && error.statusCode === 400 && /Cannot query field|Unknown type/.test(error.bodyText);
}
