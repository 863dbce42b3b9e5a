import "../messages";
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { LOCALE_NAMES, LOCALES, isLocale, t, useLocale, type Locale, type MessageId } from "../../../i18n";
import { SelectField } from "../../../ui/NativeFields";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { ErrorState } from "../../../ui/StateMessages";
import { EmailPreviewsDocument } from "../graphql/EmailPreviews.generated";

const RECIPIENTS: Record<string, MessageId> = {
  STUDENT: "admin.emailPreviews.recipient.STUDENT",
  ALUMNUS: "admin.emailPreviews.recipient.ALUMNUS",
  ADVISOR: "admin.emailPreviews.recipient.ADVISOR",
  ANYONE: "admin.emailPreviews.recipient.ANYONE",
  MEMBER: "admin.emailPreviews.recipient.MEMBER",
  INVITEE: "admin.emailPreviews.recipient.INVITEE",
};
const CALENDAR: Record<string, MessageId> = {
  REQUEST: "admin.emailPreviews.calendar.REQUEST",
  CANCEL: "admin.emailPreviews.calendar.CANCEL",
};

/** Every kind of email, as sent: chosen from a list, shown as HTML (in a sandboxed frame: no scripts, no access to this page) and as text. */
export function EmailPreviewsPage() {
  // Through the i18n runtime (react-intl's createIntl), which sees the area's words registered when this chunk loaded.
  const m = (id: MessageId, values?: Record<string, string>) => t(id, values);
  // The emails' language: the admin's own to start with; each kind keeps its place in the list in both (ADR 0033).
  const [locale, setLocale] = useState<Locale>(useLocale().locale);
  const { data, error, refetch } = useQuery(EmailPreviewsDocument, { variables: { locale }, fetchPolicy: "cache-and-network" });
  const [chosen, setChosen] = useState("0");
  const previews = data?.emailPreviews ?? [];
  const preview = previews[Number(chosen)] ?? previews[0];
  return (
    <div className="page">
      <PageHeading title={m("admin.emailPreviews.title")}>{m("admin.emailPreviews.title")}</PageHeading>
      <p className="lede">{m("admin.emailPreviews.lede")}</p>
      <SelectField
        label={m("admin.emailPreviews.language")}
        description={m("admin.emailPreviews.languageHelp")}
        value={locale}
        onChange={(value) => isLocale(value) && setLocale(value)}
        options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
      />
      {error && !data ? (
        <ErrorState error={error} title={m("admin.emailPreviews.loadError")} onRetry={() => void refetch()} />
      ) : !preview ? (
        <Loading label={m("admin.emailPreviews.loading")} />
      ) : (
        <>
          <SelectField
            label={m("admin.emailPreviews.choose")}
            value={chosen}
            onChange={setChosen}
            options={previews.map((p, index) => ({
              value: String(index),
              label: m("admin.emailPreviews.option", {
                kind: p.kind,
                recipient: m(RECIPIENTS[p.recipient] ?? "admin.emailPreviews.recipient.ANYONE"),
              }),
            }))}
          />
          <dl className="email-preview-facts">
            <dt>{m("admin.emailPreviews.subject")}</dt>
            <dd>{preview.subject}</dd>
            <dt>{m("admin.emailPreviews.to")}</dt>
            <dd>{m(RECIPIENTS[preview.recipient] ?? "admin.emailPreviews.recipient.ANYONE")}</dd>
            <dt>{m("admin.emailPreviews.calendar")}</dt>
            <dd>{m((preview.calendarMethod && CALENDAR[preview.calendarMethod]) || "admin.emailPreviews.calendar.none")}</dd>
          </dl>
          <h2>{m("admin.emailPreviews.html")}</h2>
          <iframe
            className="email-preview-frame"
            title={m("admin.emailPreviews.frameTitle", { subject: preview.subject })}
            sandbox=""
            srcDoc={preview.html}
            style={{ width: "100%", maxWidth: 640, height: 560, border: "1px solid #cbd2d9", borderRadius: 8, background: "#fff" }}
          />
          <h2>{m("admin.emailPreviews.text")}</h2>
          <pre
            className="email-preview-text"
            role="region"
            aria-label={m("admin.emailPreviews.textRegion")}
            tabIndex={0}
            style={{ whiteSpace: "pre-wrap", maxWidth: 640, padding: 12, border: "1px solid #cbd2d9", borderRadius: 8 }}
          >
            {preview.text}
          </pre>
        </>
      )}
    </div>
  );
}
