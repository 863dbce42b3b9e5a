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

/** The program's numbers: one row gives the field, its range and its check. */
const NUMBERS = [
  { name: "meetingMinutes", label: "Conversation length (minutes)", min: 15, max: 60, what: "a length in minutes" },
  { name: "requestExpiryDays", label: "Days before an unanswered request expires", min: 1, max: 60, what: "a number of days" },
  { name: "thankYouDays", label: "Days to send a thank-you", min: 1, max: 14, what: "a number of days" },
  { name: "followUpDays", label: "Days before a follow-up update", min: 7, max: 180, what: "a number of days" },
  { name: "maxOpenRequestsPerStudent", label: "Open requests per student", min: 1, max: 50, what: "a number" },
  { name: "auditRetentionYears", label: "Years the audit log is kept", min: 1, max: 30, what: "a number of years" },
] as const;

/** What applies while people have not reviewed a newly published consent text (docs/privacy.md). */
const REVIEW_POLICIES = [
  { value: "KEEP", label: "Keep their agreement to the older text" },
  { value: "PAUSE", label: "Pause it until they agree to the new text" },
];

type NumberName = (typeof NUMBERS)[number]["name"];

const numberIn =
  (min: number, max: number, what: string) =>
  (v: unknown): string | null =>
    /^\d+$/.test(String(v)) && Number(v) >= min && Number(v) <= max ? null : `Enter ${what} from ${min} to ${max}.`;

const VALIDATORS = {
  name: (v: unknown) =>
    !String(v).trim() ? "Enter the institution's name." : String(v).length > 200 ? "Use at most 200 characters." : null,
  timeZone: (v: unknown) => (String(v).trim() && isValidTimeZone(String(v).trim()) ? null : "Enter a time zone like America/Chicago."),
  consentReviewPolicy: (v: unknown) => (v === "KEEP" || v === "PAUSE" ? null : "Choose what happens until people review a new text."),
  ...(Object.fromEntries(NUMBERS.map((n) => [n.name, numberIn(n.min, n.max, n.what)])) as Record<
    NumberName,
    (v: unknown) => string | null
  >),
};

const toForm = (i: Institution_SettingsFragment) => ({
  name: i.name,
  timeZone: i.timeZone,
  consentReviewPolicy: i.consentReviewPolicy as string,
  ...(Object.fromEntries(NUMBERS.map((n) => [n.name, String(i[n.name])])) as Record<NumberName, string>),
});

/** The institution's name, zone and program settings. */
export function SettingsPage() {
  const { data, loading, error, refetch } = useQuery(InstitutionSettingsDocument);
  return (
    <div className="page">
      <PageHeading title="Institution settings">Institution settings</PageHeading>
      {error && !data ? (
        <ErrorState error={error} title="We couldn't load the settings" onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label="Loading the settings…" />
      ) : (
        <SettingsForm institution={data.institution} />
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
    if (form.restored) say("We kept the changes you hadn't saved yet.", "info");
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
            ...(Object.fromEntries(NUMBERS.map((n) => [n.name, Number(v[n.name])])) as Record<NumberName, number>),
          },
        },
      });
      if (result.data) form.reset(toForm(result.data.updateInstitutionSettings));
      say("The settings are saved.", "info");
    } catch (failure) {
      const described = describeError(failure);
      form.setServerErrors(described.fields);
      say(`${described.message} Your changes are kept here.`, "error");
    }
  }

  return (
    <form ref={ref} className="form card" noValidate onSubmit={onSubmit} aria-label="Institution settings">
      <TextField {...form.fieldProps("name")} label="Name" isRequired />
      <TextField
        {...form.fieldProps("timeZone")}
        label="Time zone"
        description="Used for reminders and reports, e.g. America/Chicago."
        isRequired
      />
      {NUMBERS.map((n) => (
        <InputField
          key={n.name}
          {...form.fieldProps(n.name)}
          label={n.label}
          type="number"
          min={n.min}
          max={n.max}
          description={`${n.min} to ${n.max}.`}
        />
      ))}
      <SelectField
        {...form.fieldProps("consentReviewPolicy")}
        label="When a consent text changes"
        description="Until each person reviews the new version of a text they agreed to."
        options={REVIEW_POLICIES}
      />
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      <div className="actions">
        <Button type="submit" busyLabel={loading ? "Saving…" : null}>
          Save settings
        </Button>
      </div>
    </form>
  );
}
