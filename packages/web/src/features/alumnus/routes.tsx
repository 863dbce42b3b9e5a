import type { RouteObject } from "react-router-dom";

/** The alumni area: every page its own chunk. */
export const alumnusRoutes: RouteObject = {
  path: "alumni",
  lazy: () => import("./components/AlumnusLayout").then((m) => ({ Component: m.AlumnusLayout })),
  children: [
    { index: true, lazy: () => import("./components/InboxPage").then((m) => ({ Component: m.InboxPage })) },
    { path: "requests/:requestId", lazy: () => import("./components/RequestPage").then((m) => ({ Component: m.RequestPage })) },
    { path: "upcoming", lazy: () => import("./components/UpcomingPage").then((m) => ({ Component: m.UpcomingPage })) },
    { path: "availability", lazy: () => import("./components/AvailabilityPage").then((m) => ({ Component: m.AvailabilityPage })) },
    { path: "profile", lazy: () => import("./components/ProfilePage").then((m) => ({ Component: m.ProfilePage })) },
    { path: "welcome", lazy: () => import("./components/ConsentPage").then((m) => ({ Component: m.ConsentPage })) },
  ],
};
