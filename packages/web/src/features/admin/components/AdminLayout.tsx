import { AreaLayout } from "../../../ui/AreaLayout";
import "../messages";
import { t } from "../../../i18n";

export function AdminLayout() {
  const links = [
    { to: "/admin", label: t("admin.layout.settings"), end: true },
    { to: "/admin/people", label: t("admin.layout.people") },
    { to: "/admin/graduate", label: t("admin.layout.graduate") },
    { to: "/admin/import", label: t("admin.layout.import") },
    { to: "/admin/consent-texts", label: t("admin.layout.consentTexts") },
    { to: "/admin/consent-records", label: t("admin.layout.consentRecords") },
    { to: "/admin/integrations", label: t("admin.layout.integrations") },
    { to: "/admin/sign-in", label: t("admin.layout.campusSignIn") },
    { to: "/admin/sign-in-log", label: t("admin.layout.signInLog") },
    { to: "/admin/audit-log", label: t("admin.layout.auditLog") },
    { to: "/admin/emails", label: t("admin.layout.emails") },
    { to: "/admin/retention", label: t("admin.layout.retention") },
  ];
  return <AreaLayout role="ADMIN" label={t("admin.adminLayout.administration")} links={links} />;
}
