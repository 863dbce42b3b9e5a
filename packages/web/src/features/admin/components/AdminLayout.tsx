import { AreaLayout } from "../../../ui/AreaLayout";

const LINKS = [
  { to: "/admin", label: "Settings", end: true },
  { to: "/admin/people", label: "People" },
  { to: "/admin/import", label: "Import" },
  { to: "/admin/consent-texts", label: "Consent texts" },
  { to: "/admin/integrations", label: "Integrations" },
  { to: "/admin/sign-in", label: "Campus sign-in" },
  { to: "/admin/sign-in-log", label: "Sign-in log" },
  { to: "/admin/audit-log", label: "Audit log" },
  { to: "/admin/emails", label: "Emails" },
];

export function AdminLayout() {
  return <AreaLayout role="ADMIN" label="Administration" links={LINKS} />;
}
