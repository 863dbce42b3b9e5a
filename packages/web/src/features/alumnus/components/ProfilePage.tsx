import { useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useRef, type FormEvent } from "react";
import type { Modality } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { useDraftForm } from "../../../lib/use-saved-draft";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { CheckboxField, InputField, SelectField, TextAreaField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import { browserTimeZone, isValidTimeZone } from "../../../lib/time";
import { MODALITY_LABELS } from "../../../lib/labels";
import {
  MyAlumnusProfileDocument,
  UpdateMyAlumnusProfileDocument,
  type AlumnusProfile_FieldsFragment,
  type MyAlumnusProfileQuery,
} from "../graphql/AlumnusProfile.generated";

const MODALITIES: Modality[] = ["VIDEO", "PHONE", "IN_PERSON"];

interface ProfileForm {
  bio: string;
  employer: string;
  title: string;
  industry: string;
  location: string;
  classYear: string;
  major: string;
  topics: string;
  timeZone: string;
  monthlyCapacity: string;
  contactEmail: string;
  contactPhone: string;
  fields: string[];
  modalities: Modality[];
  paused: boolean;
  firstGeneration: boolean;
}

function toForm(p: AlumnusProfile_FieldsFragment): ProfileForm {
  return {
    bio: p.bio,
    employer: p.employer ?? "",
    title: p.title ?? "",
    industry: p.industry ?? "",
    location: p.location ?? "",
    classYear: p.classYear ? String(p.classYear) : "",
    major: p.major ?? "",
    topics: p.topics.join(", "),
    timeZone: p.timeZone || browserTimeZone(),
    monthlyCapacity: String(p.monthlyCapacity),
    contactEmail: p.contactEmail ?? "",
    contactPhone: p.contactPhone ?? "",
    fields: p.fields,
    modalities: p.modalities,
    paused: p.paused,
    firstGeneration: p.firstGeneration,
  };
}

const topicsOf = (value: string) =>
  value
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

const VALIDATORS = {
  bio: (v: unknown) => (String(v).length > 2000 ? `Keep your bio to 2000 characters (${String(v).length - 2000} too many).` : null),
  classYear: (v: unknown) => (!String(v) || /^(19|20)\d\d$/.test(String(v)) ? null : "Enter a year like 2015, or leave it empty."),
  topics: (v: unknown) => {
    const topics = topicsOf(String(v));
    if (topics.length > 20) return "List at most 20 topics.";
    if (topics.some((t) => t.length > 100)) return "Keep each topic under 100 characters.";
    return null;
  },
  timeZone: (v: unknown) => (isValidTimeZone(String(v)) && String(v) ? null : "Enter a time zone like America/Chicago or Europe/Berlin."),
  monthlyCapacity: (v: unknown) => (/^\d+$/.test(String(v)) && Number(v) <= 50 ? null : "Enter a number of conversations from 0 to 50."),
  contactEmail: (v: unknown) =>
    !String(v).trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(v).trim()) ? null : "Enter an email like name@example.com.",
  modalities: (v: unknown) => ((v as Modality[]).length ? null : "Choose at least one way to meet."),
};

/** The alum's profile: their work, what they can talk about, how often and in which zone. */
export function ProfilePage() {
  const { data, loading, error, refetch } = useQuery(MyAlumnusProfileDocument);
  return (
    <div className="page">
      <PageHeading title="Your profile">Your profile</PageHeading>
      <p className="lede">What students see when they look for someone to talk to, and how much time you can give.</p>
      {error && !data ? (
        <ErrorState error={error} title="We couldn't load your profile" onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label="Loading your profile…" />
      ) : (
        <ProfileEditor data={data} />
      )}
    </div>
  );
}

function ProfileEditor({ data }: { data: MyAlumnusProfileQuery }) {
  const form = useDraftForm<ProfileForm>("alumnus-profile", toForm(data.myAlumnusProfile), VALIDATORS);
  const [update, { loading }] = useMutation(UpdateMyAlumnusProfileDocument);
  const [status, say] = useAnnouncer();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (form.restored) say("We kept the changes you hadn't saved yet.", "info");
  }, []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const invalid = form.validateAll();
    if (invalid) {
      formRef.current?.querySelector<HTMLElement>(`[name="${invalid}"]`)?.focus();
      return;
    }
    const v = form.values;
    try {
      const result = await update({
        variables: {
          input: {
            bio: v.bio,
            employer: v.employer.trim() || null,
            title: v.title.trim() || null,
            industry: v.industry || null,
            location: v.location.trim() || null,
            classYear: v.classYear ? Number(v.classYear) : null,
            major: v.major.trim() || null,
            topics: topicsOf(v.topics),
            timeZone: v.timeZone.trim(),
            monthlyCapacity: Number(v.monthlyCapacity),
            contactEmail: v.contactEmail.trim() || null,
            contactPhone: v.contactPhone.trim() || null,
            fields: v.fields,
            modalities: v.modalities,
            paused: v.paused,
            firstGeneration: v.firstGeneration,
          },
        },
      });
      if (result.data) form.reset(toForm(result.data.updateMyAlumnusProfile));
      say("Your profile is saved.", "info");
    } catch (failure) {
      const described = describeError(failure);
      form.setServerErrors(described.fields);
      say(`${described.message} Your changes are kept here; save again when you're ready.`, "error");
    }
  }

  const toggle = <K extends "fields" | "modalities">(key: K, item: ProfileForm[K][number], on: boolean) => {
    const list = form.values[key] as string[];
    form.set(key, (on ? [...list, item] : list.filter((x) => x !== item)) as ProfileForm[K]);
  };

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-label="Your profile">
      <section className="card form" aria-labelledby="time-heading">
        <h2 id="time-heading">Your time</h2>
        <CheckboxField
          label="Pause new requests"
          description="While paused, students can't send you requests and no times are offered. Booked conversations stay booked."
          checked={form.values.paused}
          onChange={(on) => form.set("paused", on)}
          name="paused"
        />
        <InputField
          {...form.fieldProps("monthlyCapacity")}
          label="Conversations a month"
          type="number"
          min={0}
          max={50}
          inputMode="numeric"
          description="From 0 to 50."
        />
        <TextField
          {...form.fieldProps("timeZone")}
          label="Your time zone"
          description="An IANA zone, e.g. America/Chicago. Your availability is in this zone."
        />
        <fieldset className="fieldset" aria-describedby={form.errors.modalities ? "modalities-error" : undefined}>
          <legend className="field-label">Ways you can meet</legend>
          {MODALITIES.map((m) => (
            <CheckboxField
              key={m}
              label={MODALITY_LABELS[m]}
              checked={form.values.modalities.includes(m)}
              onChange={(on) => toggle("modalities", m, on)}
              name="modalities"
            />
          ))}
          {form.errors.modalities && (
            <span id="modalities-error" className="field-error">
              {form.errors.modalities}
            </span>
          )}
        </fieldset>
      </section>

      <section className="card form" aria-labelledby="work-heading">
        <h2 id="work-heading">Your work</h2>
        <TextField {...form.fieldProps("title")} label="Job title" />
        <TextField {...form.fieldProps("employer")} label="Employer" />
        <SelectField
          {...form.fieldProps("industry")}
          label="Industry"
          placeholder="Not set"
          options={data.industries.map((i) => ({ value: i.id, label: i.name }))}
        />
        <TextField {...form.fieldProps("location")} label="Where you work" description="e.g. Chicago, IL" />
        <fieldset className="fieldset">
          <legend className="field-label">Career fields you can talk about</legend>
          <div className="checkbox-grid">
            {data.careerFields.map((f) => (
              <CheckboxField
                key={f.id}
                label={f.name}
                checked={form.values.fields.includes(f.id)}
                onChange={(on) => toggle("fields", f.id, on)}
                name="fields"
              />
            ))}
          </div>
        </fieldset>
        <TextAreaField
          {...form.fieldProps("topics")}
          label="Topics you're glad to talk about"
          description="Separate them with commas; at most 20."
          rows={2}
        />
        <TextAreaField {...form.fieldProps("bio")} label="A short bio" description="Up to 2000 characters." rows={5} />
      </section>

      <section className="card form" aria-labelledby="background-heading">
        <h2 id="background-heading">Background and contact</h2>
        <TextField {...form.fieldProps("classYear")} label="Class year" inputMode="numeric" />
        <TextField {...form.fieldProps("major")} label="Major" />
        <CheckboxField
          label="First in my family to go to college"
          checked={form.values.firstGeneration}
          onChange={(on) => form.set("firstGeneration", on)}
          name="firstGeneration"
        />
        <TextField
          {...form.fieldProps("contactEmail")}
          label="Contact email"
          type="email"
          autoComplete="email"
          description="Only shared if you agree to share contact details."
        />
        <TextField {...form.fieldProps("contactPhone")} label="Contact phone" type="tel" autoComplete="tel" />
      </section>

      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      <div className="actions">
        <Button type="submit" busyLabel={loading ? "Saving…" : null}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
