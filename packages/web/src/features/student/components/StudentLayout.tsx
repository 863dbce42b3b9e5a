import { AreaLayout } from "../../../ui/AreaLayout";
import "../student.css";

const LINKS = [
  { to: "/student", label: "Overview", end: true },
  { to: "/student/alumni", label: "Find alumni" },
  { to: "/student/conversations", label: "My conversations" },
  { to: "/student/contacts", label: "Contact log" },
  { to: "/student/onboarding", label: "Profile and consent" },
];

export function StudentLayout() {
  return <AreaLayout role="STUDENT" label="Student" links={LINKS} />;
}
