import { Outlet } from "react-router-dom";
import { Logo } from "../../ui/Logo";
import { SkipLink } from "./SkipLink";
import { LanguageSelect } from "../../ui/LanguageSelect";

/** The frame for pages before sign-in: the name, and the page. */
export function PublicLayout() {
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="container header-row">
          <Logo />
          <div className="account">
            <LanguageSelect />
          </div>
        </div>
      </header>
      <main id="main" className="container main">
        <Outlet />
      </main>
    </>
  );
}
