import { isRouteErrorResponse, useRouteError } from "react-router-dom";
import { Button } from "../../ui/Button";
import { PageHeading } from "../../ui/PageHeading";
import { Logo } from "../../ui/Logo";
import { t } from "../../i18n";

/** Shown when a page fails to load or render, most often a stale page after a new release. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <>
      <header className="site-header">
        <div className="container header-row">
          <Logo />
        </div>
      </header>
      <main id="main" className="container main">
        <div className="page">
          <PageHeading title={notFound ? t("app.notFound.title") : t("app.routeError.title")}>
            {notFound ? t("app.notFound.heading") : t("app.routeError.title")}
          </PageHeading>
          <p className="lede" role="alert">
            {notFound ? t("app.notFound.body") : t("app.routeError.body")}
          </p>
          <Button onPress={() => window.location.reload()}>{t("app.routeError.reload")}</Button>
        </div>
      </main>
    </>
  );
}
