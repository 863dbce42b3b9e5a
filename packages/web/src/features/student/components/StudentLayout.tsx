import { AreaLayout } from "../../../ui/AreaLayout";
import "../student.css";
import "../messages";
import { t } from "../../../i18n";

export function StudentLayout() {
  const links = [
    { to: "/student", label: t("student.layout.overview"), end: true },
    { to: "/student/alumni", label: t("student.layout.findAlumni") },
    { to: "/student/conversations", label: t("student.layout.conversations") },
    { to: "/student/contacts", label: t("student.layout.contactLog") },
    { to: "/student/onboarding", label: t("student.layout.profile") },
  ];
  return <AreaLayout role="STUDENT" label={t("student.studentLayout.student")} links={links} />;
}
