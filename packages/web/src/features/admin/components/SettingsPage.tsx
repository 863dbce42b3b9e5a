import { useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useRef, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { useDraftForm } from "../../../lib/use-saved-draft";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { InputField, SelectField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import { isValidTimeZone } from "../../../lib/time";
import {
  InstitutionSettingsDocument,
  UpdateInstitutionSettingsDocument,
  type Institution_SettingsFragment,
} from "../graphql/Admin.generated";
import { isLocale, LOCALE_NAMES, LOCALES, t, type MessageId } from "../../../i18n";
import { AcademicTermsSection } from "./AcademicTermsSection";
import { GraduationSettingsSection } from "./GraduationSettingsSection";

/** The program's numbers: one row gives the field, its range and its check. */
const NUMBERS = [
  { name: "meetingMinutes", label: "admin.settings.meetingMinutes", min: 15, max: 60, what: "admin.settings.aLengthInMinutes" },
  { name: "requestExpiryDays", label: "admin.settings.requestExpiryDays", min: 1, max: 60, what: "admin.settings.aNumberOfDays" },
  { name: "thankYouDays", label: "admin.settings.thankYouDays", min: 1, max: 14, what: "admin.settings.aNumberOfDays" },
  { name: "followUpDays", label: "admin.settings.followUpDays", min: 7, max: 180, what: "admin.settings.aNumberOfDays" },
  { name: "maxOpenRequestsPerStudent", label: "admin.settings.maxOpenRequests", min: 1, max: 50, what: "admin.settings.aNumber" },
  { name: "auditRetentionYears", label: "admin.settings.auditRetentionYears", min: 1, max: 30, what: "admin.settings.aNumberOfYears" },
  { name: "erasureGraceDays", label: "admin.settings.erasureGraceDays", min: 0, max: 90, what: "admin.settings.aNumberOfDays" },
  { name: "accommodationLeadDays", label: "admin.settings.accommodationLeadDays", min: 0, max: 60, what: "admin.settings.aNumberOfDays" },
] as const;

/** What applies while people have not reviewed a newly published consent text (docs/privacy.md). */
const REVIEW_POLICIES = () => [
  { value: "KEEP", label: t("admin.settings.policyKeep") },
  { value: "PAUSE", label: t("admin.settings.policyPause") },
];

type NumberName = (typeof NUMBERS)[number]["name"];

const numberIn =
  (min: number, max: number, what: MessageId) =>
  (v: unknown): string | null =>
    /^\d+$/.test(String(v)) && Number(v) >= min && Number(v) <= max ? null : t("admin.settings.enterNumber", { what: t(what), min, max });

const VALIDATORS = {
  name: (v: unknown) => (!String(v).trim() ? t("admin.settings.enterName") : String(v).length > 200 ? t("admin.settings.atMost200") : null),
  timeZone: (v: unknown) => (String(v).trim() && isValidTimeZone(String(v).trim()) ? null : t("admin.settings.enterZone")),
  consentReviewPolicy: (v: unknown) => (v === "KEEP" || v === "PAUSE" ? null : t("admin.settings.choosePolicy")),
  defaultLocale: (v: unknown) => (isLocale(v) ? null : t("admin.settings.chooseLanguage")),
  ...(Object.fromEntries(NUMBERS.map((n) => [n.name, numberIn(n.min, n.max, n.what)])) as Record<
    NumberName,
    (v: unknown) => string | null
  >),
};

const toForm = (i: Institution_SettingsFragment) => ({
  name: i.name,
  timeZone: i.timeZone,
  consentReviewPolicy: i.consentReviewPolicy as string,
  defaultLocale: i.defaultLocale ?? "en",
  ...(Object.fromEntries(NUMBERS.map((n) => [n.name, String(i[n.name])])) as Record<NumberName, string>),
});

/** Every IANA zone the browser knows, as a list to choose from (the stored one first if it is an older alias). */
function timeZoneOptions(current: string): Array<{ value: string; label: string }> {
  const zones = Intl.supportedValuesOf("timeZone");
  const all = current && !zones.includes(current) ? [current, ...zones] : zones;
  return all.map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }));
}

/** The institution's name, zone and program settings. */
export function SettingsPage() {
  const { data, loading, error, refetch } = useQuery(InstitutionSettingsDocument);
  return (
    <div className="page">
      <PageHeading title={t("admin.settings.institutionSettings")}>{t("admin.settings.institutionSettings")}</PageHeading>
      {error && !data ? (
        <ErrorState error={error} title={t("admin.settings.weCouldnT")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("admin.settings.loadingTheSettings")} />
      ) : (
        <>
          <SettingsForm institution={data.institution} />
          <AcademicTermsSection />
          <GraduationSettingsSection />
        </>
      )}
    </div>
  );
}

function SettingsForm({ institution }: { institution: Institution_SettingsFragment }) {
  const form = useDraftForm(`institution-settings:${institution.id}`, toForm(institution), VALIDATORS);
  const [update, { loading }] = useMutation(UpdateInstitutionSettingsDocument);
  const [status, say] = useAnnouncer();
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (form.restored) say(t("admin.settings.weKeptThe"), "info");
  }, []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const invalid = form.validateAll();
    if (invalid) {
      ref.current?.querySelector<HTMLElement>(`[name="${invalid}"]`)?.focus();
      return;
    }
    const v = form.values;
    try {
      const result = await update({
        variables: {
          input: {
            name: v.name.trim(),
            timeZone: v.timeZone.trim(),
            consentReviewPolicy: v.consentReviewPolicy === "PAUSE" ? "PAUSE" : "KEEP",
            defaultLocale: isLocale(v.defaultLocale) ? v.defaultLocale : "en",
            ...(Object.fromEntries(NUMBERS.map((n) => [n.name, Number(v[n.name])])) as Record<NumberName, number>),
          },
        },
      });
      if (result.data) form.reset(toForm(result.data.updateInstitutionSettings));
      say(t("admin.settings.theSettingsAre"), "info");
    } catch (failure) {
      const described = describeError(failure);
      form.setServerErrors(described.fields);
      say(t("admin.settings.changesKept", { error: described.message }), "error");
    }
  }

  return (
    <form ref={ref} className="form card" noValidate onSubmit={onSubmit} aria-label={t("admin.settings.institutionSettings")}>
      <TextField {...form.fieldProps("name")} label={t("admin.settings.name")} isRequired />
      <SelectField
        {...form.fieldProps("timeZone")}
        label={t("admin.settings.timeZone")}
        description={t("admin.settings.usedForReminders")}
        options={timeZoneOptions(form.values.timeZone)}
      />
      {NUMBERS.map((n) => (
        <InputField
          key={n.name}
          {...form.fieldProps(n.name)}
          label={t(n.label)}
          type="number"
          min={n.min}
          max={n.max}
          description={t("admin.settings.range", { min: n.min, max: n.max })}
        />
      ))}
      <SelectField
        {...form.fieldProps("consentReviewPolicy")}
        label={t("admin.settings.whenAConsent")}
        description={t("admin.settings.untilEachPerson")}
        options={REVIEW_POLICIES()}
      />
      <SelectField
        {...form.fieldProps("defaultLocale")}
        label={t("admin.settings.defaultLocale")}
        description={t("admin.settings.defaultLocaleHelp")}
        options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
      />
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      <div className="actions">
        <Button type="submit" busyLabel={loading ? t("admin.settings.saving") : null}>
          {t("admin.settings.saveSettings")}
        </Button>
      </div>
    </form>
  );
}
