import { AreaLayout } from "../../../ui/AreaLayout";
import "../messages";
import "../messages";
import { t } from "../../../i18n";

export function AlumnusLayout() {
  const links = [
    { to: "/alumni", label: t("alumnus.layout.inbox"), end: true },
    { to: "/alumni/upcoming", label: t("alumnus.layout.upcoming") },
    { to: "/alumni/availability", label: t("alumnus.layout.availability") },
    { to: "/alumni/profile", label: t("alumnus.layout.profile") },
    { to: "/alumni/welcome", label: t("alumnus.layout.consent") },
  ];
  return <AreaLayout role="ALUMNUS" label={t("alumnus.alumnusLayout.alumniVolunteering")} links={links} />;
}
