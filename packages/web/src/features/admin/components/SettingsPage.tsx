import { useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { useDraftForm } from "../../../lib/use-saved-draft";
import { Alert } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { InputField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import { isValidTimeZone } from "../../alumnus/format";
import {
  InstitutionSettingsDocument,
  UpdateInstitutionSettingsDocument,
  type Institution_SettingsFragment,
} from "../graphql/Admin.generated";

const numberIn =
  (min: number, max: number, what: string) =>
  (v: unknown): string | null =>
    /^\d+$/.test(String(v)) && Number(v) >= min && Number(v) <= max ? null : `Enter ${what} from ${min} to ${max}.`;

const VALIDATORS = {
  name: (v: unknown) =>
    !String(v).trim() ? "Enter the institution's name." : String(v).length > 200 ? "Use at most 200 characters." : null,
  timeZone: (v: unknown) => (String(v).trim() && isValidTimeZone(String(v).trim()) ? null : "Enter a time zone like America/Chicago."),
  meetingMinutes: numberIn(15, 60, "a length in minutes"),
  requestExpiryDays: numberIn(1, 60, "a number of days"),
  thankYouDays: numberIn(1, 14, "a number of days"),
  followUpDays: numberIn(7, 180, "a number of days"),
  maxOpenRequestsPerStudent: numberIn(1, 50, "a number"),
};

const toForm = (i: Institution_SettingsFragment) => ({
  name: i.name,
  timeZone: i.timeZone,
  meetingMinutes: String(i.meetingMinutes),
  requestExpiryDays: String(i.requestExpiryDays),
  thankYouDays: String(i.thankYouDays),
  followUpDays: String(i.followUpDays),
  maxOpenRequestsPerStudent: String(i.maxOpenRequestsPerStudent),
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
  const [status, setStatus] = useState<{ message: string; tone: "error" | "info"; n: number } | null>(null);
  const ref = useRef<HTMLFormElement>(null);
  const say = (message: string, tone: "error" | "info") => setStatus((p) => ({ message, tone, n: (p?.n ?? 0) + 1 }));
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
            meetingMinutes: Number(v.meetingMinutes),
            requestExpiryDays: Number(v.requestExpiryDays),
            thankYouDays: Number(v.thankYouDays),
            followUpDays: Number(v.followUpDays),
            maxOpenRequestsPerStudent: Number(v.maxOpenRequestsPerStudent),
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
      <InputField
        {...form.fieldProps("meetingMinutes")}
        label="Conversation length (minutes)"
        type="number"
        min={15}
        max={60}
        description="15 to 60."
      />
      <InputField
        {...form.fieldProps("requestExpiryDays")}
        label="Days before an unanswered request expires"
        type="number"
        min={1}
        max={60}
        description="1 to 60."
      />
      <InputField
        {...form.fieldProps("thankYouDays")}
        label="Days to send a thank-you"
        type="number"
        min={1}
        max={14}
        description="1 to 14."
      />
      <InputField
        {...form.fieldProps("followUpDays")}
        label="Days before a follow-up update"
        type="number"
        min={7}
        max={180}
        description="7 to 180."
      />
      <InputField
        {...form.fieldProps("maxOpenRequestsPerStudent")}
        label="Open requests per student"
        type="number"
        min={1}
        max={50}
        description="1 to 50."
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
