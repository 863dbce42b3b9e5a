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
import { t } from "../../../i18n";

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
  linkedinUrl: string;
  websiteUrl: string;
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
    linkedinUrl: p.linkedinUrl ?? "",
    websiteUrl: p.websiteUrl ?? "",
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

/** The server's rule for profile links (PROFILE_LINK_INVALID), checked as the alum types. */
function linkProblem(value: string, linkedin: boolean): string | null {
  const text = value.trim();
  if (!text) return null;
  let host: string;
  try {
    const url = new URL(text);
    if (url.protocol !== "https:" || /\s/.test(text) || url.username || url.password) return t("alumnus.profile.linkHttps");
    host = url.hostname.toLowerCase();
  } catch {
    return t("alumnus.profile.linkHttps");
  }
  if (text.length > 500) return t("alumnus.profile.linkTooLong");
  if (linkedin && host !== "linkedin.com" && !host.endsWith(".linkedin.com")) return t("alumnus.profile.linkedinOnly");
  if (!host.includes(".")) return t("alumnus.profile.linkHttps");
  return null;
}

const VALIDATORS = {
  bio: (v: unknown) => (String(v).length > 2000 ? t("alumnus.profile.bioTooLong", { over: String(v).length - 2000 }) : null),
  classYear: (v: unknown) => (!String(v) || /^(19|20)\d\d$/.test(String(v)) ? null : t("alumnus.profile.enterYear")),
  topics: (v: unknown) => {
    const topics = topicsOf(String(v));
    if (topics.length > 20) return t("alumnus.profile.atMostTopics");
    if (topics.some((t) => t.length > 100)) return t("alumnus.profile.topicTooLong");
    return null;
  },
  timeZone: (v: unknown) => (isValidTimeZone(String(v)) && String(v) ? null : t("alumnus.profile.enterZone")),
  monthlyCapacity: (v: unknown) => (/^\d+$/.test(String(v)) && Number(v) <= 50 ? null : t("alumnus.profile.enterCapacity")),
  contactEmail: (v: unknown) =>
    !String(v).trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(v).trim()) ? null : t("alumnus.profile.enterEmail"),
  linkedinUrl: (v: unknown) => linkProblem(String(v), true),
  websiteUrl: (v: unknown) => linkProblem(String(v), false),
  modalities: (v: unknown) => ((v as Modality[]).length ? null : t("alumnus.profile.chooseWay")),
};

/** Which link the server refused (extensions.field of PROFILE_LINK_INVALID). */
function linkField(failure: unknown): "linkedinUrl" | "websiteUrl" | null {
  const field = (failure as { errors?: Array<{ extensions?: { field?: unknown } }> }).errors?.[0]?.extensions?.field;
  return field === "linkedinUrl" || field === "websiteUrl" ? field : null;
}

/** The alum's profile: their work, what they can talk about, how often and in which zone. */
export function ProfilePage() {
  const { data, loading, error, refetch } = useQuery(MyAlumnusProfileDocument);
  return (
    <div className="page">
      <PageHeading title={t("alumnus.profile.yourProfile")}>{t("alumnus.profile.yourProfile")}</PageHeading>
      <p className="lede">{t("alumnus.profile.whatStudentsSee")}</p>
      {error && !data ? (
        <ErrorState error={error} title={t("alumnus.profile.weCouldnT")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("alumnus.profile.loadingYourProfile")} />
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
    if (form.restored) say(t("alumnus.profile.weKeptThe"), "info");
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
            linkedinUrl: v.linkedinUrl.trim() || null,
            websiteUrl: v.websiteUrl.trim() || null,
            fields: v.fields,
            modalities: v.modalities,
            paused: v.paused,
            firstGeneration: v.firstGeneration,
          },
        },
      });
      if (result.data) form.reset(toForm(result.data.updateMyAlumnusProfile));
      say(t("alumnus.profile.yourProfileIs"), "info");
    } catch (failure) {
      const described = describeError(failure);
      const link = described.code === "PROFILE_LINK_INVALID" ? linkField(failure) : null;
      form.setServerErrors(link ? { [link]: t("alumnus.profile.linkRefused") } : described.fields);
      say(t("alumnus.profile.changesKept", { error: described.message }), "error");
    }
  }

  const toggle = <K extends "fields" | "modalities">(key: K, item: ProfileForm[K][number], on: boolean) => {
    const list = form.values[key] as string[];
    form.set(key, (on ? [...list, item] : list.filter((x) => x !== item)) as ProfileForm[K]);
  };

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-label={t("alumnus.profile.yourProfile")}>
      <section className="card form" aria-labelledby="time-heading">
        <h2 id="time-heading">{t("alumnus.profile.yourTime")}</h2>
        <CheckboxField
          label={t("alumnus.profile.pauseNewRequests")}
          description={t("alumnus.profile.whilePausedStudents")}
          checked={form.values.paused}
          onChange={(on) => form.set("paused", on)}
          name="paused"
        />
        <InputField
          {...form.fieldProps("monthlyCapacity")}
          label={t("alumnus.profile.conversationsAMonth")}
          type="number"
          min={0}
          max={50}
          inputMode="numeric"
          description={t("alumnus.profile.from0To")}
        />
        <TextField
          {...form.fieldProps("timeZone")}
          label={t("alumnus.profile.yourTimeZone")}
          description={t("alumnus.profile.anIANAZone")}
        />
        <fieldset className="fieldset" aria-describedby={form.errors.modalities ? "modalities-error" : undefined}>
          <legend className="field-label">{t("alumnus.profile.waysYouCan")}</legend>
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
        <h2 id="work-heading">{t("alumnus.profile.yourWork")}</h2>
        <TextField {...form.fieldProps("title")} label={t("alumnus.profile.jobTitle")} />
        <TextField {...form.fieldProps("employer")} label={t("alumnus.profile.employer")} />
        <SelectField
          {...form.fieldProps("industry")}
          label={t("alumnus.profile.industry")}
          placeholder={t("alumnus.profile.notSet")}
          options={data.industries.map((i) => ({ value: i.id, label: i.name }))}
        />
        <TextField
          {...form.fieldProps("location")}
          label={t("alumnus.profile.whereYouWork")}
          description={t("alumnus.profile.eGChicago")}
        />
        <fieldset className="fieldset">
          <legend className="field-label">{t("alumnus.profile.careerFieldsYou")}</legend>
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
          label={t("alumnus.profile.topicsYouRe")}
          description={t("alumnus.profile.separateThemWith")}
          rows={2}
        />
        <TextAreaField
          {...form.fieldProps("bio")}
          label={t("alumnus.profile.aShortBio")}
          description={t("alumnus.profile.upTo2000")}
          rows={5}
        />
      </section>

      <section className="card form" aria-labelledby="background-heading">
        <h2 id="background-heading">{t("alumnus.profile.backgroundAndContact")}</h2>
        <TextField {...form.fieldProps("classYear")} label={t("alumnus.profile.classYear")} inputMode="numeric" />
        <TextField {...form.fieldProps("major")} label={t("alumnus.profile.major")} />
        <CheckboxField
          label={t("alumnus.profile.firstInMy")}
          checked={form.values.firstGeneration}
          onChange={(on) => form.set("firstGeneration", on)}
          name="firstGeneration"
        />
        <TextField
          {...form.fieldProps("contactEmail")}
          label={t("alumnus.profile.contactEmail")}
          type="email"
          autoComplete="email"
          description={t("alumnus.profile.onlySharedIf")}
        />
        <TextField {...form.fieldProps("contactPhone")} label={t("alumnus.profile.contactPhone")} type="tel" autoComplete="tel" />
      </section>

      <section className="card form" aria-labelledby="links-heading">
        <h2 id="links-heading">{t("alumnus.profile.links")}</h2>
        <p className="fine-print">{t("alumnus.profile.linksHint")}</p>
        <TextField
          {...form.fieldProps("linkedinUrl")}
          label={t("alumnus.profile.linkedinUrl")}
          type="url"
          inputMode="url"
          description={t("alumnus.profile.linkedinUrlHint")}
        />
        <TextField
          {...form.fieldProps("websiteUrl")}
          label={t("alumnus.profile.websiteUrl")}
          type="url"
          inputMode="url"
          description={t("alumnus.profile.websiteUrlHint")}
        />
      </section>

      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      <div className="actions">
        <Button type="submit" busyLabel={loading ? t("alumnus.profile.saving") : null}>
          {t("alumnus.profile.saveProfile")}
        </Button>
      </div>
    </form>
  );
}
