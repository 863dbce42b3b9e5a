import type { RouteObject } from "react-router-dom";

/** The administration area: every page its own chunk. */
export const adminRoutes: RouteObject = {
  path: "admin",
  lazy: () => import("./components/AdminLayout").then((m) => ({ Component: m.AdminLayout })),
  children: [
    { index: true, lazy: () => import("./components/SettingsPage").then((m) => ({ Component: m.SettingsPage })) },
    { path: "people", lazy: () => import("./components/PeoplePage").then((m) => ({ Component: m.PeoplePage })) },
    { path: "consent-texts", lazy: () => import("./components/ConsentTextsPage").then((m) => ({ Component: m.ConsentTextsPage })) },
    { path: "consent-records", lazy: () => import("./components/ConsentRecordsPage").then((m) => ({ Component: m.ConsentRecordsPage })) },
    { path: "graduate", lazy: () => import("./components/GraduatePage").then((m) => ({ Component: m.GraduatePage })) },
    { path: "import", lazy: () => import("./components/ImportPage").then((m) => ({ Component: m.ImportPage })) },
    { path: "integrations", lazy: () => import("./components/IntegrationsPage").then((m) => ({ Component: m.IntegrationsPage })) },
    { path: "sign-in", lazy: () => import("./components/IdentityProvidersPage").then((m) => ({ Component: m.IdentityProvidersPage })) },
    { path: "audit-log", lazy: () => import("./components/AuditLogPage").then((m) => ({ Component: m.AuditLogPage })) },
    { path: "emails", lazy: () => import("./components/EmailPreviewsPage").then((m) => ({ Component: m.EmailPreviewsPage })) },
    { path: "sign-in-log", lazy: () => import("./components/SignInLogPage").then((m) => ({ Component: m.SignInLogPage })) },
    { path: "retention", lazy: () => import("./components/RetentionPage").then((m) => ({ Component: m.RetentionPage })) },
  ],
};
