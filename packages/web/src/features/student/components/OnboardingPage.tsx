import { useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { ConsentKind } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Checkbox, CheckboxGroup } from "../../../ui/Checkbox";
import { PageHeading } from "../../../ui/PageHeading";
import { LoadError, Loading } from "../../../ui/QueryState";
import { TextArea } from "../../../ui/TextArea";
import { TextField } from "../../../ui/TextField";
import { GiveConsentDocument } from "../graphql/GiveConsent.generated";
import { OnboardingDocument, type OnboardingQuery } from "../graphql/Onboarding.generated";
import { UpdateMyStudentProfileDocument } from "../graphql/UpdateMyStudentProfile.generated";
import { WithdrawConsentDocument } from "../graphql/WithdrawConsent.generated";
import { PitchHelp } from "./PitchHelp";
import { useSavedDraft } from "../../../lib/use-saved-draft";
import { CONSENT_LABELS } from "../lib/labels";
import { PITCH_MAX, splitPlaces, validateClassYear, validateMajor, validatePitch, validatePlaces } from "../lib/profile-validation";
import { t } from "../../../i18n";

interface ProfileDraft {
  pitch: string;
  major: string;
  classYear: string;
  fields: string[];
  industries: string[];
  places: string;
  firstGeneration: boolean;
  consents: ConsentKind[];
}

type TextFieldName = "pitch" | "major" | "classYear" | "places";
const VALIDATORS: Record<TextFieldName, (value: string) => string | null> = {
  pitch: validatePitch,
  major: validateMajor,
  classYear: validateClassYear,
  places: validatePlaces,
};

const SAVED = "Saved. Alumni you contact will see this profile.";

function fromServer(data: OnboardingQuery): ProfileDraft {
  const p = data.myStudentProfile;
  return {
    pitch: p.pitch,
    major: p.major ?? "",
    classYear: p.classYear ? String(p.classYear) : "",
    fields: p.fields,
    industries: p.industries,
    places: p.locations.join("; "),
    firstGeneration: p.firstGeneration,
    consents: data.myConsents.filter((c) => c.active).map((c) => c.kind),
  };
}

/** Consent and profile in one place: what the student agrees to share, and the pitch alumni read first. */
export function OnboardingPage() {
  const { data, loading, error, refetch } = useQuery(OnboardingDocument, { fetchPolicy: "cache-and-network" });
  return (
    <div className="page">
      <p className="eyebrow">{t("student.onboarding.student")}</p>
      <PageHeading title={t("student.onboarding.profileAndConsent")}>{t("student.onboarding.yourProfileAndConsent")}</PageHeading>
      <p className="lede">{t("student.onboarding.alumniReadYourProfile")}</p>
      {!data && loading && <Loading label={t("student.onboarding.loadingYourProfile")} />}
      {!data && error && <LoadError error={error} retry={() => void refetch()} what={t("student.what.profile")} />}
      {data && <OnboardingForm data={data} />}
    </div>
  );
}

function OnboardingForm({ data }: { data: OnboardingQuery }) {
  const saved = useMemo(() => fromServer(data), [data]);
  const draft = useSavedDraft<ProfileDraft>("student-profile", () => saved);
  const [touched, setTouched] = useState<Partial<Record<TextFieldName, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [status, say] = useAnnouncer();
  const [saving, setSaving] = useState(false);
  const [giveConsent] = useMutation(GiveConsentDocument);
  const [withdrawConsent] = useMutation(WithdrawConsentDocument);
  const [updateProfile] = useMutation(UpdateMyStudentProfileDocument, { refetchQueries: ["StudentOverview"] });
  const refs = {
    pitch: useRef<HTMLTextAreaElement>(null),
    major: useRef<HTMLInputElement>(null),
    classYear: useRef<HTMLInputElement>(null),
    places: useRef<HTMLInputElement>(null),
  };
  const consentRef = useRef<HTMLDivElement>(null);
  const values = draft.values;

  const errors: Partial<Record<TextFieldName | "consent", string>> = {};
  for (const name of Object.keys(VALIDATORS) as TextFieldName[]) {
    const message = serverErrors[name === "places" ? "locations" : name] ?? (touched[name] ? VALIDATORS[name](values[name]) : null);
    if (message) errors[name] = message;
  }
  const [triedSubmit, setTriedSubmit] = useState(false);
  if (triedSubmit && !values.consents.includes("STUDENT_SHARE_WITH_ALUMNI")) {
    errors.consent = t("student.onboarding.consentRequired");
  }

  const restoredOnOpen = useRef(draft.restored);
  useEffect(() => {
    if (restoredOnOpen.current) say(t("student.onboarding.weKeptTheChanges"), "info");
  }, [say]);

  const text = (name: TextFieldName) => ({
    name,
    value: values[name],
    onChange: (value: string) => {
      draft.update({ [name]: value } as Partial<ProfileDraft>);
      setServerErrors((e) => ({ ...e, [name === "places" ? "locations" : name]: undefined as unknown as string }));
    },
    onBlur: () => setTouched((t) => ({ ...t, [name]: true })),
    errorMessage: errors[name],
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setTouched({ pitch: true, major: true, classYear: true, places: true });
    setTriedSubmit(true);
    const invalid = (Object.keys(VALIDATORS) as TextFieldName[]).find((f) => VALIDATORS[f](values[f]));
    if (invalid) {
      refs[invalid].current?.focus();
      return;
    }
    if (!values.consents.includes("STUDENT_SHARE_WITH_ALUMNI")) {
      consentRef.current?.querySelector("input")?.focus();
      return;
    }
    setSaving(true);
    try {
      const active = new Set(saved.consents);
      for (const text of data.consentTexts) {
        const wanted = values.consents.includes(text.kind);
        if (wanted && !active.has(text.kind)) await giveConsent({ variables: { kind: text.kind } });
        if (!wanted && active.has(text.kind)) await withdrawConsent({ variables: { kind: text.kind } });
      }
      await updateProfile({
        variables: {
          input: {
            pitch: values.pitch.trim(),
            major: values.major.trim() || null,
            classYear: values.classYear.trim() ? Number(values.classYear) : null,
            fields: values.fields,
            industries: values.industries,
            locations: splitPlaces(values.places),
            firstGeneration: values.firstGeneration,
          },
        },
      });
      draft.clear();
      say(SAVED);
    } catch (error) {
      const described = describeError(error);
      setServerErrors(described.fields);
      say(t("student.onboarding.keptOnDevice", { message: described.message }), "error");
    } finally {
      setSaving(false);
    }
  }

  const studentTexts = data.consentTexts.filter((t) => CONSENT_LABELS[t.kind]);
  const pitchLength = values.pitch.trim().length;

  return (
    <form className="form wide-form" noValidate onSubmit={onSubmit} aria-label={t("student.onboarding.profileAndConsent")}>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
        {status?.message === SAVED && (
          <>
            {" "}
            <Link to="/student/alumni">{t("student.onboarding.findAlumni")}</Link>
          </>
        )}
      </Alert>

      <section className="card form-section" aria-labelledby="consent-heading">
        <h2 id="consent-heading">{t("student.onboarding.whatYouAgreeTo")}</h2>
        {studentTexts.length === 0 ? (
          <p>{t("student.onboarding.yourCareerCenterHasn")}</p>
        ) : (
          <div ref={consentRef} className="consent-list">
            {studentTexts.map((text) => {
              const label = CONSENT_LABELS[text.kind]!;
              return (
                <div key={text.id} className="consent">
                  <Checkbox
                    isSelected={values.consents.includes(text.kind)}
                    onChange={(on) =>
                      draft.update((v) => ({ consents: on ? [...v.consents, text.kind] : v.consents.filter((k) => k !== text.kind) }))
                    }
                    aria-describedby={`consent-text-${text.id}`}
                  >
                    {label.title}
                    {label.required ? t("student.onboarding.neededToSendRequests") : t("student.onboarding.optional")}
                  </Checkbox>
                  <p id={`consent-text-${text.id}`} className="consent-body">
                    {text.body}
                  </p>
                </div>
              );
            })}
            {errors.consent && (
              <p className="field-error" role="alert">
                {errors.consent}
              </p>
            )}
          </div>
        )}
      </section>

      <section className="card form-section" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("student.onboarding.yourProfile")}</h2>
        <TextArea
          {...text("pitch")}
          label={t("student.onboarding.yourBackgroundPitch")}
          description={t("student.onboarding.pitchHint", { length: pitchLength, max: PITCH_MAX })}
          isRequired
          rows={5}
          textAreaRef={refs.pitch}
        />
        <PitchHelp
          current={values.pitch}
          onUse={(pitch) => {
            draft.update({ pitch });
            setServerErrors((e) => ({ ...e, pitch: undefined as unknown as string }));
            setTouched((t) => ({ ...t, pitch: true }));
            refs.pitch.current?.focus();
            say(t("student.onboarding.pitchFilled"), "info");
          }}
        />
        <div className="field-row">
          <TextField {...text("major")} label={t("student.onboarding.major")} inputRef={refs.major} />
          <TextField
            {...text("classYear")}
            label={t("student.onboarding.classYear")}
            inputMode="numeric"
            description={t("student.onboarding.forExample2027")}
            inputRef={refs.classYear}
          />
        </div>
        <CheckboxGroup
          label={t("student.onboarding.careerFieldsYouRe")}
          options={data.careerFields}
          value={values.fields}
          onChange={(fields) => draft.update({ fields })}
          errorMessage={serverErrors.fields}
        />
        <CheckboxGroup
          label={t("student.onboarding.industriesYouReCurious")}
          options={data.industries}
          value={values.industries}
          onChange={(industries) => draft.update({ industries })}
          errorMessage={serverErrors.industries}
        />
        <TextField
          {...text("places")}
          label={t("student.onboarding.placesYouDLike")}
          description={t("student.onboarding.separatePlacesWithSemicolons")}
          inputRef={refs.places}
        />
        <Checkbox isSelected={values.firstGeneration} onChange={(firstGeneration) => draft.update({ firstGeneration })}>
          {t("student.onboarding.iMTheFirst")}
        </Checkbox>
      </section>

      <div className="actions">
        <Button type="submit" busyLabel={saving ? t("student.onboarding.saving") : null}>
          {t("student.onboarding.saveProfile")}
        </Button>
      </div>
    </form>
  );
}
