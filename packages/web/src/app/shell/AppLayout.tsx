import { useQuery } from "@apollo/client/react";
import { lazy, Suspense } from "react";
import { NavLink, Outlet } from "react-router-dom";
import { describeError } from "../../lib/errors";
import { Button } from "../../ui/Button";
import { Loading } from "../../ui/Loading";
import { Logo } from "../../ui/Logo";
import { PageHeading } from "../../ui/PageHeading";
import { MeDocument } from "../../lib/auth/graphql/Me.generated";
import { useSessionActions } from "../../lib/auth/use-session-actions";
import { institutionsOf, ViewerContext } from "../../lib/auth/viewer";
import { sortRoles } from "../../lib/auth/roles";
import { areaFor } from "../../lib/role-areas";

// Only people in several institutions need the switcher and its popover code.
const InstitutionSwitcher = lazy(() => import("./InstitutionSwitcher").then((m) => ({ default: m.InstitutionSwitcher })));
import { SkipLink } from "./SkipLink";

/** The signed-in frame: header with navigation, institution and sign-out; the page in main. */
export function AppLayout() {
  const { data, error, refetch } = useQuery(MeDocument);
  const { signOut } = useSessionActions();
  const viewer = data?.me;

  if (!viewer) {
    return (
      <>
        <SkipLink />
        <header className="site-header">
          <div className="container header-row">
            <Logo />
          </div>
        </header>
        <main id="main" className="container main">
          {error ? (
            <div className="page">
              <PageHeading title="Couldn't load your account">We couldn't load your account</PageHeading>
              <p className="lede" role="alert">
                {describeError(error).message}
              </p>
              <div className="actions">
                <Button onPress={() => void refetch()}>Try again</Button>
                <Button variant="secondary" onPress={() => void signOut()}>
                  Sign out
                </Button>
              </div>
            </div>
          ) : (
            <Loading label="Loading your account…" />
          )}
        </main>
      </>
    );
  }

  const areas = sortRoles(viewer.roles).map(areaFor);
  return (
    <ViewerContext.Provider value={viewer}>
      <SkipLink />
      <header className="site-header">
        <div className="container header-row">
          <Logo />
          <nav aria-label="Main" className="main-nav">
            <ul>
              <li>
                <NavLink to="/" end className="nav-link">
                  Home
                </NavLink>
              </li>
              {areas.map((area) => (
                <li key={area.role}>
                  <NavLink to={area.path} className="nav-link">
                    {area.navLabel}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="account">
            {institutionsOf(viewer).length > 1 && (
              <Suspense fallback={null}>
                <InstitutionSwitcher />
              </Suspense>
            )}
            <Button variant="secondary" onPress={() => void signOut()}>
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className="container main">
        <Outlet />
      </main>
    </ViewerContext.Provider>
  );
}
