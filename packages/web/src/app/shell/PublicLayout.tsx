import { Outlet } from "react-router-dom";
import { Logo } from "../../ui/Logo";
import { SkipLink } from "./SkipLink";

/** The frame for pages before sign-in: the name, and the page. */
export function PublicLayout() {
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="container header-row">
          <Logo />
        </div>
      </header>
      <main id="main" className="container main">
        <Outlet />
      </main>
    </>
  );
}
