import { Link } from "react-router-dom";
import { PageHeading } from "../../ui/PageHeading";
import { t } from "../../i18n";

export function NotFoundPage() {
  return (
    <div className="page">
      <PageHeading title={t("app.notFound.title")}>{t("app.notFound.heading")}</PageHeading>
      <p className="lede">{t("app.notFound.body")}</p>
      <p>
        <Link to="/">{t("app.notFound.home")}</Link>
      </p>
    </div>
  );
}
