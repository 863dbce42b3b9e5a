import type { RouteObject } from "react-router-dom";

/** The advising area: every page its own chunk (charts load only with the dashboard). */
export const advisorRoutes: RouteObject = {
  path: "advisor",
  lazy: () => import("./components/AdvisorLayout").then((m) => ({ Component: m.AdvisorLayout })),
  children: [
    { index: true, lazy: () => import("./components/DashboardPage").then((m) => ({ Component: m.DashboardPage })) },
    { path: "students", lazy: () => import("./components/StudentsPage").then((m) => ({ Component: m.StudentsPage })) },
    { path: "students/:studentId", lazy: () => import("./components/StudentPage").then((m) => ({ Component: m.StudentPage })) },
    { path: "reports", lazy: () => import("./components/ReportsPage").then((m) => ({ Component: m.ReportsPage })) },
  ],
};
