import "./areas.css";
import { NavLink, Outlet } from "react-router-dom";
import type { Role } from "../graphql/types.generated";
import { RequireRole } from "./RequireRole";

export interface AreaLink {
  to: string;
  label: string;
  end?: boolean;
}

/** The frame of one role's area: its own navigation, then the page. Only for people with the role. */
export function AreaLayout({ role, label, links }: { role: Role; label: string; links: AreaLink[] }) {
  return (
    <RequireRole role={role}>
      <nav aria-label={label} className="area-nav">
        <ul>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end} className="area-nav-link">
                {link.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </RequireRole>
  );
}
