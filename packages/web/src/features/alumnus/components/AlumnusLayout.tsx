import { AreaLayout } from "../../../ui/AreaLayout";

const LINKS = [
  { to: "/alumni", label: "Inbox", end: true },
  { to: "/alumni/upcoming", label: "Upcoming" },
  { to: "/alumni/availability", label: "Availability" },
  { to: "/alumni/profile", label: "Profile" },
  { to: "/alumni/welcome", label: "Consent" },
];

export function AlumnusLayout() {
  return <AreaLayout role="ALUMNUS" label="Alumni volunteering" links={LINKS} />;
}
