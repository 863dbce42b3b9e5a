import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from "typeorm";
import { GraphQLError } from "graphql";
import { formatError, isDatabaseUnavailable } from "./errors";

describe("telling a database that is away from a query that is wrong", () => {
  const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

  it.each([
    ["connection refused", withCode("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["shutting down (57P01)", withCode("57P01", "terminating connection due to administrator command")],
    ["a dropped connection", new Error("Connection terminated unexpectedly")],
    ["a transaction whose connection was already released", new QueryRunnerProviderAlreadyReleasedError()],
    [
      "a TypeORM error wrapping a driver error",
      new QueryFailedError("SELECT 1", [], withCode("57P03", "the database system is starting up")),
    ],
  ])("%s means unavailable", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", withCode("23505", "duplicate key value violates unique constraint")],
    ["a syntax error", withCode("42601", "syntax error at or near")],
    ["a bug", new TypeError("Cannot read properties of undefined")],
  ])("%s does not", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("answers DATABASE_UNAVAILABLE for the first kind and INTERNAL_SERVER_ERROR for a bug, never with the details", () => {
    const unavailable = formatError({ message: "raw" }, new QueryRunnerProviderAlreadyReleasedError());
    expect(unavailable.extensions?.code).toBe("DATABASE_UNAVAILABLE");
    const bug = formatError({ message: "Cannot read properties of undefined" }, new TypeError("Cannot read properties of undefined"));
    expect(bug).toMatchObject({ extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(bug.message).not.toContain("undefined");
  });
});

describe("graphql-js's own errors about the client's input", () => {
  it("answers BAD_USER_INPUT, not INTERNAL_SERVER_ERROR, when coercing variables stopped after 50 errors", () => {
    const error = new GraphQLError("Too many errors processing variables, error limit reached. Execution aborted.");
    // Apollo gives an error of no code INTERNAL_SERVER_ERROR before formatError sees it.
    const formatted = formatError({ message: error.message, extensions: { code: "INTERNAL_SERVER_ERROR" } }, error);
    expect(formatted.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("keeps a bug that merely says so INTERNAL_SERVER_ERROR", () => {
    const bug = new GraphQLError("Too many errors processing variables", { originalError: new Error("x") });
    expect(formatError({ message: bug.message }, bug).extensions?.code).toBe("INTERNAL_SERVER_ERROR");
  });
});
