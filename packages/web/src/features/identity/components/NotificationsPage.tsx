import "../identity.css";
import "../notifications-messages";
import { useMutation, useQuery } from "@apollo/client/react";
import { useMemo, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { t, type MessageId } from "../../../i18n";
import type { NotificationEmailChoice, NotificationKind, Role } from "../../../graphql/types.generated";
import { useViewer } from "../../../lib/auth/viewer";
import { describeError } from "../../../lib/errors";
import { formatTimeOfDay, timeZoneNames, weekdayName } from "../../../lib/time";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Checkbox } from "../../../ui/Checkbox";
import { Loading } from "../../../ui/Loading";
import { InputField, SelectField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { RadioGroup } from "../../../ui/RadioGroup";
import { ErrorState } from "../../../ui/StateMessages";
import { MyNotificationPreferencesDocument } from "../graphql/MyNotificationPreferences.generated";
import type { NotificationsPage_NotificationSettingsFragment as Settings } from "../graphql/NotificationsPage_NotificationSettings.generated";
import { UpdateMyNotificationPreferencesDocument } from "../graphql/UpdateMyNotificationPreferences.generated";

type Preference = Settings["preferences"][number];

const CHOICE_LABELS: Record<NotificationEmailChoice, () => string> = {
  IMMEDIATE: () => t("identity.notifications.choice.IMMEDIATE"),
  DAILY_DIGEST: () => t("identity.notifications.choice.DAILY_DIGEST"),
  WEEKLY_DIGEST: () => t("identity.notifications.choice.WEEKLY_DIGEST"),
  OFF: () => t("identity.notifications.choice.OFF"),
};

/**
 * Each kind's name, what it covers, and (for kinds that cannot be turned off) why, in the reader's language; `role`
 * for kinds only people in that role receive (docs/notifications.md, "who"), which others are not shown.
 */
const KINDS: Record<NotificationKind, { name: MessageId; about: MessageId; locked?: MessageId; role?: Role }> = {
  NEW_REQUEST: { name: "identity.notifications.kind.NEW_REQUEST", about: "identity.notifications.kind.NEW_REQUEST.about", role: "ALUMNUS" },
  REQUEST_ANSWERS: { name: "identity.notifications.kind.REQUEST_ANSWERS", about: "identity.notifications.kind.REQUEST_ANSWERS.about" },
  EXPIRY_REMINDERS: {
    name: "identity.notifications.kind.EXPIRY_REMINDERS",
    about: "identity.notifications.kind.EXPIRY_REMINDERS.about",
    role: "ALUMNUS",
  },
  MEETING_REMINDERS: {
    name: "identity.notifications.kind.MEETING_REMINDERS",
    about: "identity.notifications.kind.MEETING_REMINDERS.about",
  },
  MEETING_CHECKS: { name: "identity.notifications.kind.MEETING_CHECKS", about: "identity.notifications.kind.MEETING_CHECKS.about" },
  FOLLOW_UPS: { name: "identity.notifications.kind.FOLLOW_UPS", about: "identity.notifications.kind.FOLLOW_UPS.about", role: "STUDENT" },
  ADVISOR_LISTS: {
    name: "identity.notifications.kind.ADVISOR_LISTS",
    about: "identity.notifications.kind.ADVISOR_LISTS.about",
    role: "ADVISOR",
  },
  MEETING_CHANGES: {
    name: "identity.notifications.kind.MEETING_CHANGES",
    about: "identity.notifications.kind.MEETING_CHANGES.about",
    locked: "identity.notifications.locked.MEETING_CHANGES",
  },
  SIGN_IN_LINKS: {
    name: "identity.notifications.kind.SIGN_IN_LINKS",
    about: "identity.notifications.kind.SIGN_IN_LINKS.about",
    locked: "identity.notifications.locked.SIGN_IN_LINKS",
  },
  ACCOMMODATION_ARRANGEMENTS: {
    name: "identity.notifications.kind.ACCOMMODATION_ARRANGEMENTS",
    about: "identity.notifications.kind.ACCOMMODATION_ARRANGEMENTS.about",
    locked: "identity.notifications.locked.ACCOMMODATION_ARRANGEMENTS",
    role: "ADVISOR",
  },
};

const MESSAGES = {
  NOTIFICATION_LOCKED: () => t("identity.notifications.error.locked"),
  NOTIFICATION_CHOICE_INVALID: () => t("identity.notifications.error.choiceInvalid"),
};

interface Draft {
  choices: Record<string, { email: NotificationEmailChoice; inApp: boolean }>;
  quiet: "none" | "some";
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  digestWeekday: string;
  digestHour: string;
}

const draftOf = (s: Settings): Draft => ({
  choices: Object.fromEntries(s.preferences.map((p) => [p.kind, { email: p.email, inApp: p.inApp }])),
  quiet: s.quietStart && s.quietEnd ? "some" : "none",
  quietStart: s.quietStart ?? "22:00",
  quietEnd: s.quietEnd ?? "07:00",
  timeZone: s.timeZone,
  digestWeekday: String(s.digestWeekday),
  digestHour: String(s.digestHour),
});

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The reason a kind cannot be turned off: ours in the reader's language, else the server's words. */
function lockedReason(p: Preference): string {
  const key = KINDS[p.kind]?.locked;
  return key ? t(key) : (p.lockedReason ?? "");
}

/** The signed-in person's notification preferences: per kind, quiet hours, time zone and digest timing (ADR 0024). */
export function NotificationsPage() {
  const { data, loading, error, refetch } = useQuery(MyNotificationPreferencesDocument);
  return (
    <div className="page">
      <PageHeading title={t("identity.notifications.title")}>{t("identity.notifications.title")}</PageHeading>
      <p>{t("identity.notifications.lede")}</p>
      <p>
        <Link to="/account">{t("identity.notifications.backToAccount")}</Link>
      </p>
      {error && !data ? (
        <ErrorState error={error} title={t("identity.notifications.loadFailed")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("identity.notifications.loading")} />
      ) : (
        <PreferencesForm settings={data.myNotificationPreferences} />
      )}
    </div>
  );
}

function PreferencesForm({ settings }: { settings: Settings }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [status, say] = useAnnouncer();
  const [update, updating] = useMutation(UpdateMyNotificationPreferencesDocument);
  const viewer = useViewer();
  // Kinds only another role receives are not shown (an alum has no follow-ups to hear about); their choices stay as they are.
  const shown = settings.preferences.filter((p) => {
    const role = KINDS[p.kind]?.role;
    return !role || viewer.roles.includes(role);
  });
  const zones = useMemo(() => timeZoneNames(settings.timeZone), [settings.timeZone]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setChoice = (kind: string, change: Partial<Draft["choices"][string]>) =>
    setDraft((d) => ({ ...d, choices: { ...d.choices, [kind]: { ...d.choices[kind], ...change } } }));

  function checkQuietHours(): Record<string, string> {
    if (draft.quiet === "none") return {};
    const problems: Record<string, string> = {};
    if (!HHMM.test(draft.quietStart)) problems.quietStart = t("identity.notifications.quietMissing");
    if (!HHMM.test(draft.quietEnd)) problems.quietEnd = t("identity.notifications.quietMissing");
    if (!problems.quietStart && !problems.quietEnd && draft.quietStart === draft.quietEnd)
      problems.quietEnd = t("identity.notifications.quietSame");
    return problems;
  }

  async function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = checkQuietHours();
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) {
      say(t("identity.notifications.checkForm"), "error");
      return;
    }
    const preferences = shown
      .filter((p) => p.canTurnOff)
      .map((p) => ({ kind: p.kind, email: draft.choices[p.kind].email, inApp: p.hasInApp ? draft.choices[p.kind].inApp : false }));
    try {
      const result = await update({
        variables: {
          input: {
            preferences,
            timeZone: draft.timeZone,
            digestWeekday: Number(draft.digestWeekday),
            digestHour: Number(draft.digestHour),
            ...(draft.quiet === "none" ? { clearQuietHours: true } : { quietStart: draft.quietStart, quietEnd: draft.quietEnd }),
          },
        },
      });
      if (result.data) setDraft(draftOf(result.data.updateMyNotificationPreferences));
      say(t("identity.notifications.saved"), "info");
    } catch (failure) {
      const described = describeError(failure, MESSAGES);
      setFieldErrors(described.fields);
      say(described.message, "error");
    }
  }

  const overnight = draft.quiet === "some" && HHMM.test(draft.quietStart) && HHMM.test(draft.quietEnd) && draft.quietStart > draft.quietEnd;

  return (
    <form className="form notification-preferences" noValidate onSubmit={(event) => void onSave(event)}>
      <section aria-labelledby="kinds-heading" className="card">
        <h2 id="kinds-heading">{t("identity.notifications.kindsHeading")}</h2>
        {shown.map((p) => {
          const labels = KINDS[p.kind];
          const choice = draft.choices[p.kind];
          const locked = !p.canTurnOff;
          return (
            <fieldset key={p.kind} className="fieldset notification-kind" data-testid={`notification-kind-${p.kind}`}>
              <legend className="notification-kind-name">{labels ? t(labels.name) : p.kind}</legend>
              {labels && <p className="field-description">{t(labels.about)}</p>}
              {locked && (
                <p className="notification-locked" data-testid="locked-reason">
                  <strong>{t("identity.notifications.lockedLabel")}:</strong> {lockedReason(p)}
                </p>
              )}
              <RadioGroup
                label={t("identity.notifications.email")}
                orientation="horizontal"
                options={p.choices.map((c) => ({ id: c, name: CHOICE_LABELS[c]() }))}
                value={choice.email}
                onChange={(value) => setChoice(p.kind, { email: value as NotificationEmailChoice })}
                isDisabled={locked}
                description={
                  locked
                    ? undefined
                    : t("identity.notifications.institutionDefault", { choice: CHOICE_LABELS[p.institutionDefault]().toLowerCase() })
                }
              />
              {p.hasInApp && (
                <Checkbox isSelected={choice.inApp} onChange={(on) => setChoice(p.kind, { inApp: on })} isDisabled={locked}>
                  {t("identity.notifications.inApp")}
                </Checkbox>
              )}
              {!p.canWait && !locked && <p className="field-description">{t("identity.notifications.notHeldByQuietHours")}</p>}
            </fieldset>
          );
        })}
      </section>

      <section aria-labelledby="quiet-heading" className="card">
        <h2 id="quiet-heading">{t("identity.notifications.quietHeading")}</h2>
        <p>{t("identity.notifications.quietExplain")}</p>
        <RadioGroup
          label={t("identity.notifications.quietChoice")}
          options={[
            { id: "none", name: t("identity.notifications.quietNone") },
            { id: "some", name: t("identity.notifications.quietSome") },
          ]}
          value={draft.quiet}
          onChange={(value) => set("quiet", value === "some" ? "some" : "none")}
        />
        {draft.quiet === "some" && (
          <>
            <div className="notification-quiet-times">
              <InputField
                label={t("identity.notifications.quietStart")}
                type="time"
                value={draft.quietStart}
                onChange={(value) => set("quietStart", value)}
                errorMessage={fieldErrors.quietStart}
              />
              <InputField
                label={t("identity.notifications.quietEnd")}
                type="time"
                value={draft.quietEnd}
                onChange={(value) => set("quietEnd", value)}
                errorMessage={fieldErrors.quietEnd}
              />
            </div>
            <p className="field-description">{t("identity.notifications.quietWraps")}</p>
            {HHMM.test(draft.quietStart) && HHMM.test(draft.quietEnd) && draft.quietStart !== draft.quietEnd && (
              <p data-testid="quiet-summary">
                {t(overnight ? "identity.notifications.quietSummaryOvernight" : "identity.notifications.quietSummary", {
                  start: formatTimeOfDay(draft.quietStart),
                  end: formatTimeOfDay(draft.quietEnd),
                })}
              </p>
            )}
          </>
        )}
        <SelectField
          label={t("identity.notifications.timeZone")}
          description={t("identity.notifications.timeZoneExplain")}
          value={draft.timeZone}
          onChange={(value) => set("timeZone", value)}
          options={zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }))}
          errorMessage={fieldErrors.timeZone}
        />
      </section>

      <section aria-labelledby="digest-heading" className="card">
        <h2 id="digest-heading">{t("identity.notifications.digestHeading")}</h2>
        <p>{t("identity.notifications.digestExplain")}</p>
        <SelectField
          label={t("identity.notifications.digestDay")}
          value={draft.digestWeekday}
          onChange={(value) => set("digestWeekday", value)}
          // The API counts 1 = Monday … 7 = Sunday; weekdayName counts 0 = Sunday.
          options={[1, 2, 3, 4, 5, 6, 7].map((day) => ({ value: String(day), label: weekdayName(day % 7) }))}
          errorMessage={fieldErrors.digestWeekday}
        />
        <SelectField
          label={t("identity.notifications.digestHour")}
          value={draft.digestHour}
          onChange={(value) => set("digestHour", value)}
          options={Array.from({ length: 24 }, (_, hour) => ({
            value: String(hour),
            label: formatTimeOfDay(`${String(hour).padStart(2, "0")}:00`),
          }))}
          errorMessage={fieldErrors.digestHour}
        />
      </section>

      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      <Button type="submit" busyLabel={updating.loading ? t("identity.notifications.saving") : null}>
        {t("identity.notifications.save")}
      </Button>
    </form>
  );
}
