import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import type { Modality } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { DirectoryConsent } from "./DirectoryConsent";
import { PageHeading } from "../../../ui/PageHeading";
import { LoadError, Loading } from "../../../ui/QueryState";
import { RadioGroup } from "../../../ui/RadioGroup";
import { TextArea } from "../../../ui/TextArea";
import { AlumnusProfileDocument, type AlumnusProfileQuery } from "../graphql/AlumnusProfile.generated";
import { CheckRequestMessageDocument } from "../graphql/CheckRequestMessage.generated";
import { RequestInterviewDocument } from "../graphql/RequestInterview.generated";
import { RequestTemplateDocument, type RequestTemplateQuery } from "../graphql/RequestTemplate.generated";
import { useDebouncedValue } from "../hooks/useDebouncedValue";
import { useSavedDraft } from "../../../lib/use-saved-draft";
import { MODALITY_LABELS } from "../../../lib/labels";
import { MESSAGE_MAX, newIdempotencyKey, validateMessage, validateModality, validateTimes } from "../lib/request-validation";
import { browserTimeZone, localInputToIso } from "../../../lib/time";
import { QuestionPicker, type PickedQuestion } from "./QuestionPicker";
import { RuleOneGuidance } from "./RuleOneGuidance";
import { RuleOneSendCheck } from "./RuleOneSendCheck";
import { TimePicker } from "./TimePicker";
import { t } from "../../../i18n";
import { LazyAccommodationFields, type AccommodationChoice } from "../../../ui/accommodations";

interface RequestDraft {
  message: string;
  questions: PickedQuestion[];
  shareQuestions: boolean;
  slotTimes: string[];
  manualTimes: string[];
  modality: Modality | null;
  idempotencyKey: string;
  accommodations?: AccommodationChoice;
}

/** The request to one alum: the message from the template, questions, proposed times and how to meet. */
export function RequestComposerPage() {
  const { alumnusId = "" } = useParams();
  const profile = useQuery(AlumnusProfileDocument, { variables: { membershipId: alumnusId } });
  const template = useQuery(RequestTemplateDocument, { variables: { alumnusId }, fetchPolicy: "cache-and-network" });
  const name = profile.data?.alumnusProfile.displayName;
  const error = profile.error ?? template.error;

  return (
    <div className="page">
      <p className="eyebrow">
        <Link to="/student/alumni">{t("student.requestComposer.findAlumni")}</Link>
        {name && (
          <>
            {" / "}
            <Link to={`/student/alumni/${alumnusId}`}>{name}</Link>
          </>
        )}
      </p>
      <PageHeading title={name ? t("student.composer.requestTo", { name }) : t("student.requestComposer.writeARequest")}>
        {name ? t("student.composer.writeTo", { name }) : t("student.requestComposer.writeARequest")}
      </PageHeading>
      {profile.data && template.data ? (
        <Composer alum={profile.data.alumnusProfile} template={template.data.requestTemplate} />
      ) : error ? (
        <ComposerLoadError error={error} retry={() => void Promise.all([profile.refetch(), template.refetch()])} />
      ) : (
        <Loading label={t("student.requestComposer.preparingYourRequest")} />
      )}
    </div>
  );
}

function ComposerLoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const { code } = describeError(error);
  if (code === "CONSENT_REQUIRED" || code === "NOT_FOUND") {
    return (
      <div className="card state-card" role="alert">
        <h2 className="state-title">{t("student.requestComposer.thisAlumIsnT")}</h2>
        <p>{t("student.requestComposer.theyMayHaveLeft")}</p>
        <p>
          <Link to="/student/alumni">{t("student.requestComposer.findOtherAlumni")}</Link>
        </p>
      </div>
    );
  }
  return <LoadError error={error} retry={retry} what={t("student.what.requestForm")} />;
}

type FieldName = "message" | "times" | "modality";

function Composer({ alum, template }: { alum: AlumnusProfileQuery["alumnusProfile"]; template: RequestTemplateQuery["requestTemplate"] }) {
  const navigate = useNavigate();
  const client = useApolloClient();
  const [params] = useSearchParams();
  const referralId = params.get("referral");
  const myZone = browserTimeZone();
  const draft = useSavedDraft<RequestDraft>(`request:${alum.membershipId}`, () => ({
    message: template.message,
    questions: [],
    shareQuestions: true,
    slotTimes: [],
    manualTimes: [],
    modality: alum.modalities.length === 1 ? alum.modalities[0] : null,
    idempotencyKey: newIdempotencyKey(),
  }));
  const values = draft.values;
  const [touched, setTouched] = useState<Partial<Record<FieldName, boolean>>>({});
  const [failure, say] = useAnnouncer();
  const [needsConfirmation, setNeedsConfirmation] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [needsDirectoryConsent, setNeedsDirectoryConsent] = useState(false);
  const [directoryConsent, setDirectoryConsent] = useState(false);
  const [requestInterview, { loading: sending }] = useMutation(RequestInterviewDocument, { refetchQueries: ["MyRequests"] });
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const timesRef = useRef<HTMLDivElement>(null);
  const modalityRef = useRef<HTMLDivElement>(null);
  // Rule #1 at Send: the block beside the button takes focus each time Send is refused for it.
  const sendCheckRef = useRef<HTMLDivElement>(null);
  const [sendCheckShown, setSendCheckShown] = useState(0);
  useEffect(() => {
    if (sendCheckShown === 0) return;
    sendCheckRef.current?.scrollIntoView({ block: "center" });
    sendCheckRef.current?.focus();
  }, [sendCheckShown]);

  const checkedText = useDebouncedValue(values.message, 400);
  const check = useQuery(CheckRequestMessageDocument, {
    variables: { text: checkedText, alumnusId: alum.membershipId },
    skip: !checkedText.trim(),
  });
  const ruleOne = check.data?.checkRequestMessage ?? check.previousData?.checkRequestMessage ?? null;
  const ruleOneFlagged = Boolean(ruleOne?.flagged);

  // Rewording clears the confirmation: it was given for the words that were flagged.
  useEffect(() => {
    if (!ruleOneFlagged) {
      setNeedsConfirmation(false);
      setConfirmed(false);
    }
  }, [ruleOneFlagged]);

  const proposedTimes =
    values.slotTimes.length > 0 ? values.slotTimes : values.manualTimes.map(localInputToIso).filter((t): t is string => t !== null);
  const errorsNow: Record<FieldName, string | null> = {
    message: validateMessage(values.message),
    times: validateTimes(proposedTimes),
    modality: validateModality(values.modality),
  };
  const shown = (f: FieldName) => (touched[f] ? (errorsNow[f] ?? undefined) : undefined);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    setTouched({ message: true, times: true, modality: true });
    if (errorsNow.message) return messageRef.current?.focus();
    if (errorsNow.times) return timesRef.current?.querySelector<HTMLElement>("input")?.focus();
    if (errorsNow.modality) return modalityRef.current?.querySelector<HTMLElement>("input")?.focus();
    if (needsConfirmation && ruleOneFlagged && !confirmed) {
      setSendCheckShown((n) => n + 1);
      return;
    }
    try {
      const { data } = await requestInterview({
        variables: {
          input: {
            alumnusId: alum.membershipId,
            message: values.message.trim(),
            modality: values.modality as Modality,
            proposedTimes,
            questions: values.questions.map((q) => ({ text: q.text, bankId: q.bankId })),
            shareQuestions: values.shareQuestions && values.questions.length > 0,
            timeZone: myZone,
            idempotencyKey: values.idempotencyKey,
            confirmInformationOnly: confirmed || undefined,
            shareDirectoryInformation: directoryConsent || undefined,
            referralId: referralId ?? undefined,
          },
        },
      });
      if (!data) return;
      // What the student needs, once the request exists (the request is sent whatever happens to this).
      const needs = values.accommodations;
      if (needs?.needs.length)
        await import("../../../ui/accommodations/save")
          .then((m) => m.saveAccommodations(client, data.requestInterview.id, needs))
          .catch(() => null);
      draft.clear();
      navigate(`/student/conversations/${data.requestInterview.id}`, { state: { sent: true } });
    } catch (error) {
      const described = describeError(error, {
        RULE_ONE_CONFIRMATION_REQUIRED: () => t("student.composer.ruleOne"),
      });
      if (described.code === "DIRECTORY_CONSENT_REQUIRED") setNeedsDirectoryConsent(true);
      if (described.code === "RULE_ONE_CONFIRMATION_REQUIRED") {
        // Answered beside the Send button, not in the alert at the top of the form.
        setNeedsConfirmation(true);
        // The live check words the block; if it cannot be fetched now, the last answer still shows it.
        const rechecked = await check.refetch({ text: values.message, alumnusId: alum.membershipId }).catch(() => null);
        // With no flagged answer to show beside Send, the refusal is said at the top as any other.
        if (!rechecked?.data?.checkRequestMessage.flagged && !ruleOneFlagged) say(described.message, "error");
        setSendCheckShown((n) => n + 1);
        draft.update({ idempotencyKey: newIdempotencyKey() });
        return;
      }
      // A new key only once the server has answered with a refusal: a lost answer must retry with the same key.
      if (described.code && described.code !== "NETWORK" && !described.code.startsWith("HTTP_")) {
        draft.update({ idempotencyKey: newIdempotencyKey() });
      }
      const kept = described.code === "NETWORK" || described.code?.startsWith("HTTP_") ? ` ${t("student.composer.kept")}` : "";
      say(described.message + kept, "error");
    }
  }

  return (
    <form
      className="form wide-form"
      noValidate
      onSubmit={onSubmit}
      aria-label={t("student.composer.requestTo", { name: alum.displayName })}
    >
      {draft.restored && <Alert tone="info">{t("student.requestComposer.weKeptTheDraft")}</Alert>}
      <Alert announcementKey={failure?.n}>{failure?.message}</Alert>

      <section className="card form-section" aria-labelledby="message-heading">
        <h2 id="message-heading">{t("student.requestComposer.yourMessage")}</h2>
        <details className="template-guide">
          <summary>{t("student.requestComposer.whatAGoodRequest")}</summary>
          <dl className="details">
            <div>
              <dt>{t("student.requestComposer.whoIAm")}</dt>
              <dd>{template.sections.whoIAm}</dd>
            </div>
            {template.sections.whoReferredMe && (
              <div>
                <dt>{t("student.requestComposer.whoReferredMe")}</dt>
                <dd>{template.sections.whoReferredMe}</dd>
              </div>
            )}
            <div>
              <dt>{t("student.requestComposer.whyThisPerson")}</dt>
              <dd>{template.sections.whyThisPerson}</dd>
            </div>
            <div>
              <dt>{t("student.requestComposer.whatIWantTo")}</dt>
              <dd>{template.sections.whatIWantToLearn}</dd>
            </div>
            <div>
              <dt>{t("student.requestComposer.theAsk")}</dt>
              <dd>{template.sections.theAsk}</dd>
            </div>
          </dl>
        </details>
        <TextArea
          label={t("student.requestComposer.message")}
          description={t("student.composer.messageHint", {
            // The usual half hour is asked for as 20–30 minutes, as everywhere else.
            minutes: template.meetingMinutes === 30 ? "20–30" : template.meetingMinutes,
            length: values.message.trim().length,
            max: MESSAGE_MAX,
          })}
          value={values.message}
          onChange={(message) => draft.update({ message })}
          onBlur={() => setTouched((t) => ({ ...t, message: true }))}
          errorMessage={shown("message")}
          isRequired
          rows={12}
          textAreaRef={messageRef}
        />
        <RuleOneGuidance check={values.message.trim() ? ruleOne : null} />
      </section>

      <section className="card form-section" aria-labelledby="questions-heading">
        <h2 id="questions-heading">{t("student.requestComposer.questionsToPrepare")}</h2>
        <QuestionPicker
          questions={values.questions}
          onChange={(questions) => draft.update({ questions })}
          share={values.shareQuestions}
          onShareChange={(shareQuestions) => draft.update({ shareQuestions })}
        />
      </section>

      <section className="card form-section" aria-labelledby="times-heading">
        <h2 id="times-heading">{t("student.requestComposer.whenAndHow")}</h2>
        <div ref={timesRef} onBlur={() => setTouched((t) => ({ ...t, times: true }))}>
          <TimePicker
            alumnusId={alum.membershipId}
            alumnusName={alum.displayName}
            alumnusZone={alum.timeZone}
            myZone={myZone}
            slotTimes={values.slotTimes}
            onSlotTimesChange={(slotTimes) => {
              draft.update({ slotTimes });
              setTouched((t) => ({ ...t, times: true }));
            }}
            manualTimes={values.manualTimes}
            onManualTimesChange={(manualTimes) => draft.update({ manualTimes })}
            errorMessage={shown("times")}
          />
        </div>
        <div ref={modalityRef}>
          <RadioGroup
            label={t("student.requestComposer.howWouldYouLike")}
            options={alum.modalities.map((m) => ({ id: m, name: MODALITY_LABELS[m] }))}
            value={values.modality}
            onChange={(m) => {
              draft.update({ modality: m as Modality });
              setTouched((t) => ({ ...t, modality: true }));
            }}
            errorMessage={shown("modality")}
          />
        </div>
      </section>

      <section className="card form-section" aria-labelledby="accommodations-heading">
        <LazyAccommodationFields
          headingId="accommodations-heading"
          value={values.accommodations ?? { needs: [], other: "", share: false }}
          onChange={(accommodations) => draft.update({ accommodations })}
          side="STUDENT"
          otherName={alum.displayName}
          times={proposedTimes}
        />
      </section>

      {needsConfirmation && ruleOneFlagged && ruleOne && (
        <RuleOneSendCheck
          ref={sendCheckRef}
          check={ruleOne}
          confirmed={confirmed}
          onConfirmedChange={setConfirmed}
          onEdit={() => messageRef.current?.focus()}
        />
      )}
      {needsDirectoryConsent && (
        // Beside Send, like Rule #1: the answer to pressing Send is where the student is.
        <DirectoryConsent alumName={alum.displayName} checked={directoryConsent} onChange={setDirectoryConsent} />
      )}
      <div className="actions">
        <Button type="submit" busyLabel={sending ? t("student.requestComposer.sending") : null}>
          {t("student.requestComposer.sendRequest")}
        </Button>
        <Link to={`/student/alumni/${alum.membershipId}`}>{t("student.composer.backTo", { name: alum.displayName })}</Link>
      </div>
      <p className="fine-print">{t("student.requestComposer.yourDraftIsSaved")}</p>
    </form>
  );
}
