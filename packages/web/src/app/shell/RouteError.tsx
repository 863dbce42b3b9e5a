import { isRouteErrorResponse, useRouteError } from "react-router-dom";
import { Button } from "../../ui/Button";
import { PageHeading } from "../../ui/PageHeading";
import { Logo } from "../../ui/Logo";

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
          <PageHeading title={notFound ? "Page not found" : "Something went wrong"}>
            {notFound ? "We couldn't find that page" : "Something went wrong"}
          </PageHeading>
          <p className="lede" role="alert">
            {notFound
              ? "The address may be mistyped, or the page may have moved."
              : "This page didn't load properly. Reloading usually fixes it."}
          </p>
          <Button onPress={() => window.location.reload()}>Reload the page</Button>
        </div>
      </main>
    </>
  );
}
