import type { RouteObject } from "react-router-dom";

/** Pages an emailed link lands on without signing in: "did your conversation happen?". */
export const meetingsPublicRoutes: RouteObject[] = [
  { path: "meeting-check", lazy: () => import("./components/MeetingCheckPage").then((m) => ({ Component: m.MeetingCheckPage })) },
];
