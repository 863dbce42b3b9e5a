import { AreaLayout } from "../../../ui/AreaLayout";

const LINKS = [
  { to: "/admin", label: "Settings", end: true },
  { to: "/admin/people", label: "People" },
  { to: "/admin/import", label: "Import" },
  { to: "/admin/consent-texts", label: "Consent texts" },
  { to: "/admin/integrations", label: "Integrations" },
];

export function AdminLayout() {
  return <AreaLayout role="ADMIN" label="Administration" links={LINKS} />;
}
