import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import { isNotAvailableYet } from "./contract";

describe("telling a report the server doesn't have yet from a failure", () => {
  test("an unknown field is 'not available'; other errors are failures", () => {
    const unknown = new CombinedGraphQLErrors({
      errors: [{ message: 'Cannot query field "requestReport" on type "Query".', extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }],
    });
    const forbidden = new CombinedGraphQLErrors({ errors: [{ message: "No.", extensions: { code: "FORBIDDEN" } }] });
    expect(isNotAvailableYet(unknown)).toBe(true);
    expect(isNotAvailableYet(forbidden)).toBe(false);
    expect(isNotAvailableYet(new TypeError("Failed to fetch"))).toBe(false);
    // jsdom has no fetch Response; the error reads only the status.
    const responseWith = (status: number) => ({ status, headers: { get: () => null } }) as unknown as Response;
    const response = responseWith(400);
    expect(
      isNotAvailableYet(new ServerError("bad", { response, bodyText: '{"errors":[{"message":"Unknown type \\"ReportPeriod\\"."}]}' })),
    ).toBe(true);
    expect(isNotAvailableYet(new ServerError("down", { response: responseWith(503), bodyText: "" }))).toBe(false);
  });
});
