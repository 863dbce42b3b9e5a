import { Link, NavLink, Outlet } from "react-router-dom";
import { PageHeading } from "../../../ui/PageHeading";
import { currentInstitutionName, useViewer } from "../../../lib/auth/viewer";
import "../student.css";

const LINKS = [
  { to: "/student", label: "Overview", end: true },
  { to: "/student/alumni", label: "Find alumni" },
  { to: "/student/conversations", label: "My conversations" },
  { to: "/student/contacts", label: "Contact log" },
  { to: "/student/onboarding", label: "Profile and consent" },
];

/** The student area's frame: its own navigation, and a plain word for people who aren't students here. */
export function StudentLayout() {
  const viewer = useViewer();
  if (!viewer.roles.includes("STUDENT")) {
    return (
      <div className="page">
        <PageHeading title="Student area">This area isn't part of your account</PageHeading>
        <p className="lede">
          The student area is for students at {currentInstitutionName(viewer)}. If that should include you, ask your career center to invite
          you as a student.
        </p>
        <p>
          <Link to="/">Back to your home page</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="student-area">
      <nav aria-label="Student" className="sub-nav">
        <ul>
          {LINKS.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end} className="sub-nav-link">
                {link.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
