import type { RouteObject } from "react-router-dom";

/** Pages before sign-in: campus sign-in's landing, sign-in links, forgotten passwords, address verification, /i/<slug>. */
export const identityPublicRoutes: RouteObject[] = [
  { path: "sign-in/complete", lazy: () => import("./components/CompleteSignInPage").then((m) => ({ Component: m.CompleteSignInPage })) },
  { path: "sign-in/email", lazy: () => import("./components/EmailRequestForm").then((m) => ({ Component: m.SignInLinkPage })) },
  { path: "sign-in/link", lazy: () => import("./components/LinkSignInPage").then((m) => ({ Component: m.LinkSignInPage })) },
  { path: "forgot-password", lazy: () => import("./components/EmailRequestForm").then((m) => ({ Component: m.ForgotPasswordPage })) },
  { path: "reset-password", lazy: () => import("./components/ResetPasswordPage").then((m) => ({ Component: m.ResetPasswordPage })) },
  { path: "verify-email", lazy: () => import("./components/VerifyEmailPage").then((m) => ({ Component: m.VerifyEmailPage })) },
];

/** The signed-in person's own page: addresses and sign-in methods. */
export const accountRoute: RouteObject = {
  path: "account",
  lazy: () => import("./components/AccountPage").then((m) => ({ Component: m.AccountPage })),
};

/** The signed-in person's notification preferences; every email's footer links here. */
export const notificationsRoute: RouteObject = {
  path: "notifications",
  lazy: () => import("./components/NotificationsPage").then((m) => ({ Component: m.NotificationsPage })),
};
