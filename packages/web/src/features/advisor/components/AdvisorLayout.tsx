import { AreaLayout } from "../../../ui/AreaLayout";

const LINKS = [
  { to: "/advisor", label: "Dashboard", end: true },
  { to: "/advisor/students", label: "Students" },
  { to: "/advisor/reports", label: "Reports" },
];

export function AdvisorLayout() {
  return <AreaLayout role="ADVISOR" label="Advising" links={LINKS} />;
}
