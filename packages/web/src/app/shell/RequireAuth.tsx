import { Navigate, Outlet, useLocation } from "react-router-dom";
import { useStoredSession } from "../../lib/auth/auth-store";

/** Signed-in routes: without a session, go to sign-in and come back here afterwards. */
export function RequireAuth() {
  const session = useStoredSession();
  const location = useLocation();
  if (!session) {
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <Outlet />;
}
