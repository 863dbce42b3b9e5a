import { Outlet, ScrollRestoration, type RouteObject } from "react-router-dom";
import { adminRoutes } from "../features/admin/routes";
import { advisorRoutes } from "../features/advisor/routes";
import { alumnusRoutes } from "../features/alumnus/routes";
import { RequireAuth } from "./shell/RequireAuth";
import { accountRoute, identityPublicRoutes, notificationsRoute } from "../features/identity/routes";
import { meetingsPublicRoutes } from "../features/meetings/routes";
import { studentRoutes } from "../features/student/routes";
import { PublicLayout } from "./shell/PublicLayout";
import { RouteError } from "./shell/RouteError";
import { Loading } from "../ui/Loading";

function Root() {
  return (
    <>
      <Outlet />
      <ScrollRestoration />
    </>
  );
}

/** Every page is its own chunk, loaded when first visited; the frame around them is not. */
export const routes: RouteObject[] = [
  {
    element: <Root />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: "sign-in", lazy: () => import("../features/auth/components/SignInPage").then((m) => ({ Component: m.SignInPage })) },
          // The institution's own sign-in URL: the same page, offering its campus sign-in at once.
          { path: "i/:slug", lazy: () => import("../features/auth/components/SignInPage").then((m) => ({ Component: m.SignInPage })) },
          {
            path: "invitations/accept",
            lazy: () => import("../features/auth/components/AcceptInvitationPage").then((m) => ({ Component: m.AcceptInvitationPage })),
          },
          ...identityPublicRoutes,
          ...meetingsPublicRoutes,
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            lazy: () => import("./shell/AppLayout").then((m) => ({ Component: m.AppLayout })),
            children: [
              { index: true, lazy: () => import("../features/home/components/HomePage").then((m) => ({ Component: m.HomePage })) },
              studentRoutes,
              alumnusRoutes,
              advisorRoutes,
              adminRoutes,
              accountRoute,
              notificationsRoute,
              { path: "*", lazy: () => import("./shell/NotFoundPage").then((m) => ({ Component: m.NotFoundPage })) },
            ],
          },
        ],
      },
    ],
  },
];
