import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import { describeError } from "./errors";

const graphQLError = (code: string, message = "server message", extensions: Record<string, unknown> = {}) =>
  new CombinedGraphQLErrors({ errors: [{ message, extensions: { code, ...extensions } }] });

describe("describeError", () => {
  it("puts INVALID_CREDENTIALS in plain words", () => {
    expect(describeError(graphQLError("INVALID_CREDENTIALS")).message).toBe("That email and password don't match an account.");
  });

  it("says how long to wait after too many attempts", () => {
    expect(describeError(graphQLError("TOO_MANY_ATTEMPTS", "x", { retryAfterSeconds: 900 })).message).toBe(
      "Too many sign-in attempts. Wait 15 minutes, then try again.",
    );
  });

  it("maps the server's field errors to the form's field names", () => {
    const error = graphQLError("BAD_USER_INPUT", "x", { fields: [{ field: "input.email", message: "Enter a valid email address." }] });
    expect(describeError(error).fields).toEqual({ email: "Enter a valid email address." });
  });

  it("lets a screen choose its own words for a code", () => {
    expect(describeError(graphQLError("INVALID_CREDENTIALS"), { INVALID_CREDENTIALS: "Use your existing password." }).message).toBe(
      "Use your existing password.",
    );
  });

  it("shows the server's message for its own codes, and never for internal errors", () => {
    expect(describeError(graphQLError("INVITATION_INVALID", "This invitation link is not valid any more.")).message).toBe(
      "This invitation link is not valid any more.",
    );
    expect(describeError(graphQLError("INTERNAL_SERVER_ERROR", "stack trace here")).message).not.toContain("stack");
  });

  it("tells a network failure from a server failure", () => {
    expect(describeError(new TypeError("Failed to fetch")).message).toBe(
      "We couldn't reach Infoview. Check your connection and try again.",
    );
    const serverError = new ServerError("Bad gateway", { response: { status: 502 } as Response, bodyText: "" });
    expect(describeError(serverError).message).toBe("Infoview is having trouble right now. Please try again in a moment.");
  });
});
