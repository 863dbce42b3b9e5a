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
    if (!/^\d\d:\d\d$/.test(row.startTime) || !/^\d\d:\d\d$/.test(row.endTime)) problems[row.key] = "Enter a start and an end time.";
    else if (row.endTime <= row.startTime && row.endTime !== "00:00") problems[row.key] = "The end must be after the start.";
  }
  for (const a of rows) {
    for (const b of rows) {
      if (a === b || problems[a.key] || problems[b.key] || a.weekday !== b.weekday) continue;
      const aEnd = a.endTime === "00:00" ? "24:00" : a.endTime;
      const bEnd = b.endTime === "00:00" ? "24:00" : b.endTime;
      if (a.startTime < bEnd && b.startTime < aEnd && a.startTime <= b.startTime)
        problems[b.key] = `This overlaps another window on ${weekdayName(Number(a.weekday))}.`;
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
      <PageHeading title="Availability">When you can meet</PageHeading>
      {error && !availability ? (
        <ErrorState error={error} title="We couldn't load your availability" onRetry={() => void refetch()} />
      ) : !availability ? (
        loading && <Loading label="Loading your availability…" />
      ) : (
        <>
          <p className="lede">
            Times are in your time zone, <strong>{availability.timeZone}</strong> (change it in{" "}
            <Link to="/alumni/profile">your profile</Link>).{" "}
            {availability.paused
              ? "You're paused, so no times are offered to students right now."
              : `You have room for ${availability.capacityLeftThisMonth} more of your ${availability.monthlyCapacity} conversations this month.`}
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
    if (draft.restored) say("We kept the changes you hadn't saved yet.", "info");
  }, []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length) {
      say("Some windows need another look; see the messages beside them.", "error");
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
      say("Your weekly times are saved.", "info");
    } catch (failure) {
      say(`${describeError(failure).message} Your changes are kept here.`, "error");
    }
  }

  return (
    <section className="card" aria-labelledby="weekly-heading">
      <h2 id="weekly-heading">Every week</h2>
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Weekly times">
        {rows.length === 0 && (
          <EmptyState title="No weekly times yet">
            <p>Add the hours you're usually free; students can then only propose times inside them.</p>
          </EmptyState>
        )}
        <ul className="window-list">
          {rows.map((row, index) => {
            const problem = (submitted || row.startTime) && row.endTime ? problems[row.key] : undefined;
            return (
              <li key={row.key} className="window-row">
                <fieldset className="fieldset">
                  <legend className="field-label">Window {index + 1}</legend>
                  <div className="row-fields">
                    <SelectField
                      label="Day"
                      value={row.weekday}
                      onChange={(weekday) => setRow(row.key, { weekday })}
                      options={[0, 1, 2, 3, 4, 5, 6].map((i) => ({ value: String(i), label: weekdayName(i) }))}
                    />
                    <InputField label="From" type="time" value={row.startTime} onChange={(startTime) => setRow(row.key, { startTime })} />
                    <InputField
                      label="To"
                      type="time"
                      value={row.endTime}
                      onChange={(endTime) => setRow(row.key, { endTime })}
                      errorMessage={problem}
                    />
                  </div>
                  <Button variant="quiet" onPress={() => draft.update({ rows: rows.filter((r) => r.key !== row.key) })}>
                    Remove window {index + 1}
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
            Add a weekly window
          </Button>
          <Button type="submit" busyLabel={loading ? "Saving…" : null}>
            Save weekly times
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
      date: (v) => (String(v) ? null : "Choose a day."),
      startTime: (v, all) => {
        if (!String(v)) return "Choose a start time.";
        const iso = all.date ? zonedToIso(String(all.date), String(v), zone) : null;
        return iso && Date.parse(iso) <= Date.now() ? "Choose a time in the future." : null;
      },
      endTime: (v, all) =>
        !String(v) ? "Choose an end time." : String(v) <= String(all.startTime) ? "The end must be after the start." : null,
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
      say("The extra time is added.", "info");
      onChanged();
    } catch (failure) {
      say(`${describeError(failure).message} What you entered is kept.`, "error");
    }
  }

  async function onRemove(id: string, label: string) {
    try {
      await remove({ variables: { id } });
      say(`Removed ${label}.`, "info");
      onChanged();
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }

  return (
    <section className="card" aria-labelledby="slots-heading">
      <h2 id="slots-heading">Extra times</h2>
      <p>One-off times on top of your weekly ones, e.g. a free afternoon.</p>
      {availability.slots.length === 0 ? (
        <EmptyState title="No extra times" />
      ) : (
        <ul className="item-list" aria-label="Extra times">
          {availability.slots.map((slot) => (
            <li key={slot.id} className="item item-row">
              <span>{slot.localLabel}</span>
              <Button variant="quiet" onPress={() => void onRemove(slot.id, slot.localLabel)} aria-label={`Remove ${slot.localLabel}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Add an extra time">
        <div className="row-fields">
          <InputField {...form.fieldProps("date")} label="Day" type="date" />
          <InputField {...form.fieldProps("startTime")} label="From" type="time" />
          <InputField {...form.fieldProps("endTime")} label="To" type="time" />
        </div>
        <Alert tone={status?.tone} announcementKey={status?.n}>
          {status?.message}
        </Alert>
        <div className="actions">
          <Button type="submit" busyLabel={adding.loading ? "Adding…" : null}>
            Add this time
          </Button>
        </div>
      </form>
    </section>
  );
}
