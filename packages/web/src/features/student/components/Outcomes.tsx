import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import type { OutcomeKind } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { formatDate } from "../../../lib/time";
import { t, type MessageId } from "../../../i18n";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { LoadError } from "../../../ui/QueryState";
import { SelectField, TextAreaField } from "../../../ui/NativeFields";
import { newIdempotencyKey } from "../lib/request-validation";
import { MyOutcomesDocument, RecordOutcomeDocument, RemoveOutcomeDocument } from "../graphql/Outcomes.generated";

export const OUTCOME_LABELS: Record<OutcomeKind, MessageId> = {
  PURSUING_FIELD: "student.outcomes.kind.PURSUING_FIELD",
  LEAVING_FIELD: "student.outcomes.kind.LEAVING_FIELD",
  FURTHER_INTRODUCTION: "student.outcomes.kind.FURTHER_INTRODUCTION",
  INTERNSHIP_OFFER: "student.outcomes.kind.INTERNSHIP_OFFER",
  JOB_OFFER: "student.outcomes.kind.JOB_OFFER",
  OTHER: "student.outcomes.kind.OTHER",
};
const KINDS = Object.keys(OUTCOME_LABELS) as OutcomeKind[];
const NOTE_MAX = 1000;

/**
 * What came of it: of one completed conversation (`requestId`), or of the search as a whole (none). Lists what the
 * student recorded there, newest first, each removable; advisors see them on the student's timeline while shared.
 */
export function Outcomes({ requestId, alumnusName }: { requestId: string | null; alumnusName?: string }) {
  const { data, error, refetch } = useQuery(MyOutcomesDocument, { fetchPolicy: "cache-and-network" });
  const [record, recording] = useMutation(RecordOutcomeDocument, { refetchQueries: [MyOutcomesDocument], awaitRefetchQueries: true });
  const [remove] = useMutation(RemoveOutcomeDocument, { refetchQueries: [MyOutcomesDocument], awaitRefetchQueries: true });
  const [kind, setKind] = useState<OutcomeKind | null>(null);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<{ kind?: string; note?: string }>({});
  const [status, say] = useAnnouncer();
  const mine = (data?.myOutcomes ?? []).filter((o) => o.requestId === requestId);
  const headingId = requestId ? `outcomes-${requestId}` : "outcomes-search";

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      kind: kind ? undefined : t("student.outcomes.chooseKind"),
      note: note.length > NOTE_MAX ? t("student.outcomes.noteTooLong", { max: NOTE_MAX }) : undefined,
    };
    setErrors(found);
    if (found.kind || found.note || !kind) return;
    try {
      await record({ variables: { input: { kind, note: note.trim() || null, requestId, idempotencyKey: newIdempotencyKey() } } });
      setKind(null);
      setNote("");
      say(t("student.outcomes.recorded", { kind: t(OUTCOME_LABELS[kind]) }));
    } catch (failure) {
      say(t("student.outcomes.notRecorded", { error: describeError(failure).message }), "error");
    }
  }

  async function removeOne(id: string, label: string) {
    try {
      await remove({ variables: { outcomeId: id } });
      say(t("student.outcomes.removed", { kind: label }));
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{requestId ? t("student.outcomes.titleConversation") : t("student.outcomes.titleSearch")}</h2>
      <p>{requestId ? t("student.outcomes.introConversation", { name: alumnusName ?? "" }) : t("student.outcomes.introSearch")}</p>
      {error && !data && <LoadError error={error} retry={() => void refetch()} what={t("student.outcomes.what")} />}
      {mine.length > 0 && (
        <ul className="plain-list outcome-list" aria-label={t("student.outcomes.listLabel")}>
          {mine.map((o) => {
            const label = t(OUTCOME_LABELS[o.kind]);
            return (
              <li key={o.id}>
                <strong>{label}</strong> <span className="fine-print">{formatDate(o.createdAt)}</span>
                {o.note && <p>{o.note}</p>}
                <Button
                  variant="quiet"
                  onPress={() => void removeOne(o.id, label)}
                  aria-label={t("student.outcomes.removeOne", { kind: label })}
                >
                  {t("student.outcomes.remove")}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="form" noValidate onSubmit={submit} aria-label={t("student.outcomes.formLabel")}>
        <SelectField
          label={t("student.outcomes.kind")}
          options={KINDS.map((k) => ({ value: k, label: t(OUTCOME_LABELS[k]) }))}
          placeholder={t("student.outcomes.choose")}
          value={kind ?? ""}
          onChange={(value) => {
            setKind((value || null) as OutcomeKind | null);
            setErrors((e) => ({ ...e, kind: undefined }));
          }}
          errorMessage={errors.kind}
        />
        <TextAreaField
          label={t("student.outcomes.note")}
          description={t("student.outcomes.noteHelp", { max: NOTE_MAX })}
          rows={2}
          value={note}
          onChange={(value: string) => {
            setNote(value);
            setErrors((e) => ({ ...e, note: undefined }));
          }}
          errorMessage={errors.note}
        />
        <div className="actions">
          <Button type="submit" variant="secondary" busyLabel={recording.loading ? t("student.conversationActions.saving") : null}>
            {t("student.outcomes.record")}
          </Button>
        </div>
      </form>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
    </section>
  );
}
