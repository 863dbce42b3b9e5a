import { useMutation, useQuery } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Checkbox } from "../../../ui/Checkbox";
import { Loading } from "../../../ui/Loading";
import { InputField } from "../../../ui/NativeFields";
import { ErrorState } from "../../../ui/StateMessages";
import {
  GraduationSettingsDocument,
  UpdateGraduationSettingsDocument,
  type Institution_GraduationFragment,
} from "../graphql/Graduation.generated";
import { t } from "../../../i18n";
import "../graduation-messages";

/** MM-DD of a day that exists in some year (02-29 included). */
function isGraduationDay(value: string): boolean {
  const match = /^(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return false;
  const day = new Date(Date.UTC(2024, Number(match[1]) - 1, Number(match[2])));
  return day.getUTCMonth() === Number(match[1]) - 1 && day.getUTCDate() === Number(match[2]);
}

/** Settings → Automatic graduation (ADR 0032): on or off, and the day a class year ends. Audited like every setting. */
export function GraduationSettingsSection() {
  const { data, error, loading, refetch } = useQuery(GraduationSettingsDocument);
  return (
    <section className="card" aria-labelledby="graduation-settings-title">
      <h2 id="graduation-settings-title">{t("admin.graduationSettings.title")}</h2>
      <p>{t("admin.graduationSettings.intro")}</p>
      {error && !data ? (
        <ErrorState error={error} title={t("admin.graduationSettings.loadFailed")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("admin.graduationSettings.title")} />
      ) : (
        <GraduationSettingsForm settings={data.institution} />
      )}
    </section>
  );
}

function GraduationSettingsForm({ settings }: { settings: Institution_GraduationFragment }) {
  const [enabled, setEnabled] = useState(settings.autoGraduation);
  const [day, setDay] = useState(settings.graduationDay);
  const [dayError, setDayError] = useState<string | undefined>();
  const [save, { loading }] = useMutation(UpdateGraduationSettingsDocument);
  const [status, say] = useAnnouncer();
  const dayInput = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!isGraduationDay(day)) {
      setDayError(t("admin.graduationSettings.dayInvalid"));
      dayInput.current?.focus();
      return;
    }
    setDayError(undefined);
    try {
      const answer = await save({ variables: { autoGraduation: enabled, graduationDay: day.trim() } });
      const saved = answer.data?.updateInstitutionSettings;
      if (saved) {
        setEnabled(saved.autoGraduation);
        setDay(saved.graduationDay);
      }
      say(t("admin.graduationSettings.saved"), "info");
    } catch (failure) {
      say(t("admin.graduationSettings.saveFailed", { error: describeError(failure).message }), "error");
    }
  }

  return (
    <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-label={t("admin.graduationSettings.title")}>
      <Checkbox isSelected={enabled} onChange={setEnabled}>
        {t("admin.graduationSettings.enabled")}
      </Checkbox>
      <InputField
        name="graduationDay"
        inputRef={dayInput}
        label={t("admin.graduationSettings.day")}
        description={t("admin.graduationSettings.dayHelp")}
        value={day}
        errorMessage={dayError}
        isRequired
        onChange={setDay}
      />
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      <div className="actions">
        <Button type="submit" busyLabel={loading ? t("admin.graduationSettings.saving") : null}>
          {t("admin.graduationSettings.save")}
        </Button>
      </div>
    </form>
  );
}
