import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { authStore } from "../../../lib/auth/auth-store";
import { SignInDocument } from "../graphql/SignIn.generated";
import { SignInPage } from "./SignInPage";

const INSTITUTION = "5b0c8a8e-0000-4000-8000-000000000001";
const input = { email: "maya@northfield.example", password: "correct horse battery staple" };

const signedIn: MockLink.MockedResponse = {
  request: { query: SignInDocument, variables: { input } },
  result: {
    data: {
      signIn: {
        __typename: "AuthPayload",
        accessToken: "access",
        accessTokenExpiresAt: new Date(Date.now() + 900_000).toISOString(),
        refreshToken: "refresh",
        me: {
          __typename: "Me",
          institutionId: INSTITUTION,
          roles: ["STUDENT"],
          identity: { __typename: "Identity", id: "i1", email: input.email, displayName: "Maya Okafor" },
          memberships: [
            {
              __typename: "MembershipSummary",
              id: "m1",
              role: "STUDENT",
              institutionId: INSTITUTION,
              institutionName: "Northfield",
              institutionSlug: "northfield",
            },
          ],
        },
      },
    },
  },
};

const rejected: MockLink.MockedResponse = {
  request: { query: SignInDocument, variables: { input } },
  result: {
    errors: [new GraphQLError("That email and password do not match an account.", { extensions: { code: "INVALID_CREDENTIALS" } })],
  },
};

function renderSignIn(mocks: MockLink.MockedResponse[] = []) {
  render(
    <MockedProvider mocks={mocks}>
      <MemoryRouter initialEntries={["/sign-in"]}>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/" element={<p>Home page</p>} />
        </Routes>
      </MemoryRouter>
    </MockedProvider>,
  );
  return userEvent.setup({ delay: null });
}

describe("SignInPage", () => {
  beforeEach(() => authStore.clear());

  it("points at the missing fields when the form is sent empty", async () => {
    const user = renderSignIn();
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(screen.getByText("Enter your email address.")).toBeTruthy();
    expect(screen.getByText("Enter your password.")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("Email"));
    expect(screen.getByLabelText("Email").getAttribute("aria-describedby")).toBeTruthy();
  });

  it("checks the email once the field is left, then as the person types", async () => {
    const user = renderSignIn();
    const email = screen.getByLabelText("Email");
    await user.type(email, "maya@");
    expect(screen.queryByText(/Enter an email address like/)).toBeNull();

    await user.tab();
    expect(screen.getByText("Enter an email address like name@example.edu.")).toBeTruthy();

    await user.type(email, "northfield.example");
    expect(screen.queryByText(/Enter an email address like/)).toBeNull();
  });

  it("announces a rejected sign-in in plain words", async () => {
    const user = renderSignIn([rejected]);
    await user.type(screen.getByLabelText("Email"), input.email);
    await user.type(screen.getByLabelText("Password"), input.password);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("That email and password don't match an account."));
    expect(authStore.get()).toBeNull();
  });

  it("keeps the session and moves on after signing in", async () => {
    const user = renderSignIn([signedIn]);
    await user.type(screen.getByLabelText("Email"), input.email);
    await user.type(screen.getByLabelText("Password"), `${input.password}{Enter}`);

    await screen.findByText("Home page");
    expect(authStore.get()).toMatchObject({ accessToken: "access", refreshToken: "refresh", institutionId: INSTITUTION });
  });
});
