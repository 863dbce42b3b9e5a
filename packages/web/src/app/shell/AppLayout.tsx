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
// The bell and its words load after the frame, in their own chunk (the first download's budget).
const NotificationBell = lazy(() =>
  import("../../features/notifications/components/NotificationBell").then((m) => ({ default: m.NotificationBell })),
);
// Consent texts to review: the notice's code, words and query come after the frame, in their own chunk (the budget).
const ConsentReviewNotice = lazy(() =>
  import("../../features/identity/components/ConsentReviewNotice").then((m) => ({ default: m.ConsentReviewNotice })),
);
import { SkipLink } from "./SkipLink";
import { t } from "../../i18n";
import { LanguageSelect } from "../../ui/LanguageSelect";
import { useSavedLocale } from "./use-saved-locale";

/** The signed-in frame: header with navigation, institution and sign-out; the page in main. */
export function AppLayout() {
  const { data, error, refetch } = useQuery(MeDocument);
  const { signOut } = useSessionActions();
  const viewer = data?.me;
  const saveLocale = useSavedLocale(viewer?.identity.id ?? null, viewer?.identity.locale ?? null);

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
              <PageHeading title={t("app.accountError.title")}>{t("app.accountError.heading")}</PageHeading>
              <p className="lede" role="alert">
                {describeError(error).message}
              </p>
              <div className="actions">
                <Button onPress={() => void refetch()}>{t("app.tryAgain")}</Button>
                <Button variant="secondary" onPress={() => void signOut()}>
                  {t("app.signOut")}
                </Button>
              </div>
            </div>
          ) : (
            <Loading label={t("app.loadingAccount")} />
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
          <nav aria-label={t("app.nav.label")} className="main-nav">
            <ul>
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
            <Suspense fallback={null}>
              <NotificationBell />
            </Suspense>
            <span className="signed-in-as">{t("app.signedInAs", { name: viewer.identity.displayName })}</span>
            <NavLink to="/account" className="nav-link">
              {t("app.nav.account")}
            </NavLink>
            <LanguageSelect onChosen={(locale) => void saveLocale(locale)} />
            <Button variant="secondary" onPress={() => void signOut()}>
              {t("app.signOut")}
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className="container main">
        <Suspense fallback={null}>
          <ConsentReviewNotice />
        </Suspense>
        <Outlet />
      </main>
    </ViewerContext.Provider>
  );
}
