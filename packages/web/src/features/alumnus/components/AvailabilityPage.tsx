import { useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { useDraftForm, useSavedDraft } from "../../../lib/use-saved-draft";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { InputField, SelectField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { weekdayName, zonedToIso } from "../../../lib/time";
import {
  AddAvailabilitySlotDocument,
  MyAvailabilityDocument,
  RemoveAvailabilitySlotDocument,
  SetWeeklyAvailabilityDocument,
  type Availability_FieldsFragment,
} from "../graphql/Availability.generated";
import { rich, t } from "../../../i18n";

interface WindowRow {
  key: string;
  weekday: string;
  startTime: string;
  endTime: string;
}

const newKey = () => Math.random().toString(36).slice(2);

/** Problems with the weekly windows, by row key. */
export function windowProblems(rows: WindowRow[]): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const row of rows) {
    if (!/^\d\d:\d\d$/.test(row.startTime) || !/^\d\d:\d\d$/.test(row.endTime)) problems[row.key] = t("alumnus.availability.enterStartEnd");
    else if (row.endTime <= row.startTime && row.endTime !== "00:00") problems[row.key] = t("alumnus.availability.endAfterStart");
  }
  for (const a of rows) {
    for (const b of rows) {
      if (a === b || problems[a.key] || problems[b.key] || a.weekday !== b.weekday) continue;
      const aEnd = a.endTime === "00:00" ? "24:00" : a.endTime;
      const bEnd = b.endTime === "00:00" ? "24:00" : b.endTime;
      if (a.startTime < bEnd && b.startTime < aEnd && a.startTime <= b.startTime)
        problems[b.key] = t("alumnus.availability.overlaps", { day: weekdayName(Number(a.weekday)) });
    }
  }
  return problems;
}

/** When the alum can meet: weekly windows and one-off slots, in their own time zone. */
export function AvailabilityPage() {
  const { data, loading, error, refetch } = useQuery(MyAvailabilityDocument);
  const availability = data?.myAvailability;
  return (
    <div className="page">
      <PageHeading title={t("alumnus.availability.availability")}>{t("alumnus.availability.whenYouCan")}</PageHeading>
      {error && !availability ? (
        <ErrorState error={error} title={t("alumnus.availability.weCouldnT")} onRetry={() => void refetch()} />
      ) : !availability ? (
        loading && <Loading label={t("alumnus.availability.loadingYourAvailability")} />
      ) : (
        <>
          <p className="lede">
            {rich("alumnus.availability.timesAreIn", {
              zone: <strong>{availability.timeZone}</strong>,
              profile: (chunks) => <Link to="/alumni/profile">{chunks}</Link>,
            })}{" "}
            {availability.paused
              ? t("alumnus.availability.youRePaused")
              : t("alumnus.availability.roomForMore", { left: availability.capacityLeftThisMonth, total: availability.monthlyCapacity })}
          </p>
          <WeeklyEditor availability={availability} />
          <SlotsEditor availability={availability} onChanged={() => void refetch()} />
        </>
      )}
    </div>
  );
}

function WeeklyEditor({ availability }: { availability: Availability_FieldsFragment }) {
  const initial = availability.windows.map((w) => ({
    key: w.id,
    weekday: String(w.weekday),
    startTime: w.startTime,
    endTime: w.endTime === "24:00" ? "00:00" : w.endTime,
  }));
  const draft = useSavedDraft<{ rows: WindowRow[] }>("weekly-windows", { rows: initial });
  const [submitted, setSubmitted] = useState(false);
  const [save, { loading }] = useMutation(SetWeeklyAvailabilityDocument, { refetchQueries: [MyAvailabilityDocument] });
  const [status, say] = useAnnouncer();
  const rows = draft.values.rows;
  const problems = windowProblems(rows);
  const setRow = (key: string, patch: Partial<WindowRow>) =>
    draft.update({ rows: rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  useEffect(() => {
    if (draft.restored) say(t("alumnus.availability.weKeptThe"), "info");
  }, []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length) {
      say(t("alumnus.availability.someWindowsNeed"), "error");
      return;
    }
    try {
      await save({
        variables: {
          timeZone: availability.timeZone,
          windows: rows.map((r) => ({
            weekday: Number(r.weekday),
            startTime: r.startTime,
            endTime: r.endTime === "00:00" ? "24:00" : r.endTime,
          })),
        },
      });
      draft.clear();
      say(t("alumnus.availability.yourWeeklyTimes"), "info");
    } catch (failure) {
      say(t("alumnus.availability.changesKept", { error: describeError(failure).message }), "error");
    }
  }

  return (
    <section className="card" aria-labelledby="weekly-heading">
      <h2 id="weekly-heading">{t("alumnus.availability.everyWeek")}</h2>
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t("alumnus.availability.weeklyTimes")}>
        {rows.length === 0 && (
          <EmptyState title={t("alumnus.availability.noWeeklyTimes")}>
            <p>{t("alumnus.availability.addTheHours")}</p>
          </EmptyState>
        )}
        <ul className="window-list">
          {rows.map((row, index) => {
            const problem = (submitted || row.startTime) && row.endTime ? problems[row.key] : undefined;
            return (
              <li key={row.key} className="window-row">
                <fieldset className="fieldset">
                  <legend className="field-label">{t("alumnus.availability.window", { n: index + 1 })}</legend>
                  <div className="row-fields">
                    <SelectField
                      label={t("alumnus.availability.day")}
                      value={row.weekday}
                      onChange={(weekday) => setRow(row.key, { weekday })}
                      options={[0, 1, 2, 3, 4, 5, 6].map((i) => ({ value: String(i), label: weekdayName(i) }))}
                    />
                    <InputField
                      label={t("alumnus.availability.from")}
                      type="time"
                      value={row.startTime}
                      onChange={(startTime) => setRow(row.key, { startTime })}
                    />
                    <InputField
                      label={t("alumnus.availability.to")}
                      type="time"
                      value={row.endTime}
                      onChange={(endTime) => setRow(row.key, { endTime })}
                      errorMessage={problem}
                    />
                  </div>
                  <Button variant="quiet" onPress={() => draft.update({ rows: rows.filter((r) => r.key !== row.key) })}>
                    {t("alumnus.availability.removeWindow", { n: index + 1 })}
                  </Button>
                </fieldset>
              </li>
            );
          })}
        </ul>
        <div className="actions">
          <Button
            variant="secondary"
            onPress={() => draft.update({ rows: [...rows, { key: newKey(), weekday: "1", startTime: "09:00", endTime: "11:00" }] })}
          >
            {t("alumnus.availability.addAWeekly")}
          </Button>
          <Button type="submit" busyLabel={loading ? t("alumnus.availability.saving") : null}>
            {t("alumnus.availability.saveWeeklyTimes")}
          </Button>
        </div>
        <Alert tone={status?.tone} announcementKey={status?.n}>
          {status?.message}
        </Alert>
      </form>
    </section>
  );
}

function SlotsEditor({ availability, onChanged }: { availability: Availability_FieldsFragment; onChanged: () => void }) {
  const zone = availability.timeZone;
  const form = useDraftForm(
    "one-off-slot",
    { date: "", startTime: "", endTime: "" },
    {
      date: (v) => (String(v) ? null : t("alumnus.availability.chooseDay")),
      startTime: (v, all) => {
        if (!String(v)) return t("alumnus.availability.chooseStart");
        const iso = all.date ? zonedToIso(String(all.date), String(v), zone) : null;
        return iso && Date.parse(iso) <= Date.now() ? t("alumnus.availability.chooseFuture") : null;
      },
      endTime: (v, all) =>
        !String(v)
          ? t("alumnus.availability.chooseEnd")
          : String(v) <= String(all.startTime)
            ? t("alumnus.availability.endAfterStart")
            : null,
    },
  );
  const [add, adding] = useMutation(AddAvailabilitySlotDocument);
  const [remove] = useMutation(RemoveAvailabilitySlotDocument);
  const [status, say] = useAnnouncer();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (form.validateAll()) return;
    const { date, startTime, endTime } = form.values;
    const startsAt = zonedToIso(date, startTime, zone);
    const endsAt = zonedToIso(date, endTime, zone);
    if (!startsAt || !endsAt) return;
    try {
      await add({ variables: { input: { startsAt, endsAt, timeZone: zone } } });
      form.reset({ date: "", startTime: "", endTime: "" });
      say(t("alumnus.availability.theExtraTime"), "info");
      onChanged();
    } catch (failure) {
      say(t("alumnus.availability.enteredKept", { error: describeError(failure).message }), "error");
    }
  }

  async function onRemove(id: string, label: string) {
    try {
      await remove({ variables: { id } });
      say(t("alumnus.availability.removed", { slot: label }), "info");
      onChanged();
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }

  return (
    <section className="card" aria-labelledby="slots-heading">
      <h2 id="slots-heading">{t("alumnus.availability.extraTimes")}</h2>
      <p>{t("alumnus.availability.oneOffTimes")}</p>
      {availability.slots.length === 0 ? (
        <EmptyState title={t("alumnus.availability.noExtraTimes")} />
      ) : (
        <ul className="item-list" aria-label={t("alumnus.availability.extraTimes")}>
          {availability.slots.map((slot) => (
            <li key={slot.id} className="item item-row">
              <span>{slot.localLabel}</span>
              <Button
                variant="quiet"
                onPress={() => void onRemove(slot.id, slot.localLabel)}
                aria-label={t("alumnus.availability.removeSlot", { slot: slot.localLabel })}
              >
                {t("alumnus.availability.remove")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t("alumnus.availability.addAnExtra")}>
        <div className="row-fields">
          <InputField {...form.fieldProps("date")} label={t("alumnus.availability.day")} type="date" />
          <InputField {...form.fieldProps("startTime")} label={t("alumnus.availability.from")} type="time" />
          <InputField {...form.fieldProps("endTime")} label={t("alumnus.availability.to")} type="time" />
        </div>
        <Alert tone={status?.tone} announcementKey={status?.n}>
          {status?.message}
        </Alert>
        <div className="actions">
          <Button type="submit" busyLabel={adding.loading ? t("alumnus.availability.adding") : null}>
            {t("alumnus.availability.addThisTime")}
          </Button>
        </div>
      </form>
    </section>
  );
}
