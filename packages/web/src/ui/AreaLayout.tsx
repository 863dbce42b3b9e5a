import "./areas.css";
import { NavLink, Outlet } from "react-router-dom";
import type { Role } from "../graphql/types.generated";
import { RequireRole } from "./RequireRole";

export interface AreaLink {
  to: string;
  label: string;
  end?: boolean;
}

/**
 * The frame of one role's area: its own navigation, then the page. Only for people with the role.
 * The wrapper's `area-<role>` class lets an area's own stylesheet scope its rules.
 */
export function AreaLayout({ role, label, links }: { role: Role; label: string; links: AreaLink[] }) {
  return (
    <RequireRole role={role}>
      <div className={`area area-${role.toLowerCase()}`}>
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
      </div>
    </RequireRole>
  );
}
