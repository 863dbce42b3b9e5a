import { AreaLayout } from "../../../ui/AreaLayout";
import "../messages";
import "../advisor.css";
import { t } from "../../../i18n";

export function AdvisorLayout() {
  const links = [
    { to: "/advisor", label: t("advisor.layout.dashboard"), end: true },
    { to: "/advisor/students", label: t("advisor.layout.students") },
    { to: "/advisor/reports", label: t("advisor.layout.reports") },
  ];
  return <AreaLayout role="ADVISOR" label={t("advisor.advisorLayout.advising")} links={links} />;
}
