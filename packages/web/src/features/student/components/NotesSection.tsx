import { useMutation } from "@apollo/client/react";
import type { FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Checkbox } from "../../../ui/Checkbox";
import { TextArea } from "../../../ui/TextArea";
import type { ConversationNotesQuery } from "../graphql/ConversationNotes.generated";
import { SaveNotesDocument } from "../graphql/SaveNotes.generated";
import { useSavedDraft } from "../../../lib/use-saved-draft";
import { t } from "../../../i18n";
import "../thank-you-messages";

type Notes = NonNullable<ConversationNotesQuery["notes"]>;

interface NotesDraft {
  advice: string;
  takeaways: string;
  nextStep: string;
  newQuestions: string;
  sharedWithAdvisor: boolean;
}

const LIMIT = 10_000;
const NEXT_STEP_LIMIT = 2_000;
const splitQuestions = (text: string) =>
  text
    .split("\n")
    .map((q) => q.trim())
    .filter(Boolean);

export function validateNotes(values: NotesDraft): Partial<Record<keyof NotesDraft, string>> {
  const errors: Partial<Record<keyof NotesDraft, string>> = {};
  if (values.advice.length > LIMIT) errors.advice = t("student.notes.adviceTooLong", { max: LIMIT, extra: values.advice.length - LIMIT });
  if (values.takeaways.length > LIMIT)
    errors.takeaways = t("student.notes.takeawaysTooLong", { max: LIMIT, extra: values.takeaways.length - LIMIT });
  if (values.nextStep.length > NEXT_STEP_LIMIT)
    errors.nextStep = t("thankYou.notes.nextStepTooLong", { max: NEXT_STEP_LIMIT, extra: values.nextStep.length - NEXT_STEP_LIMIT });
  const questions = splitQuestions(values.newQuestions);
  if (questions.length > 30) errors.newQuestions = t("student.notes.tooManyQuestions", { count: questions.length });
  else if (questions.some((q) => q.length > 500)) errors.newQuestions = t("student.notes.questionTooLong");
  return errors;
}

/** The student's private notes on a conversation: advice, takeaways, and new questions for the next one. */
export function NotesSection({ requestId, notes, onSaved }: { requestId: string; notes: Notes | null; onSaved?: () => void }) {
  const draft = useSavedDraft<NotesDraft>(`notes:${requestId}`, () => ({
    advice: notes?.advice ?? "",
    takeaways: notes?.takeaways ?? "",
    nextStep: notes?.nextStep ?? "",
    newQuestions: (notes?.newQuestions ?? []).join("\n"),
    sharedWithAdvisor: notes?.sharedWithAdvisor ?? false,
  }));
  const [saveNotes, { loading }] = useMutation(SaveNotesDocument);
  const [status, say] = useAnnouncer();
  const errors = validateNotes(draft.values);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading || Object.keys(errors).length > 0) return;
    try {
      await saveNotes({
        variables: {
          requestId,
          input: {
            advice: draft.values.advice,
            takeaways: draft.values.takeaways,
            nextStep: draft.values.nextStep,
            newQuestions: splitQuestions(draft.values.newQuestions),
            sharedWithAdvisor: draft.values.sharedWithAdvisor,
          },
        },
      });
      draft.clear();
      say(t("student.notesSection.notesSaved"));
      onSaved?.();
    } catch (error) {
      say(t("student.notes.keptOnDevice", { message: describeError(error).message }), "error");
    }
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t("student.notesSection.yourNotes")}</h2>
      <p className="fine-print">{t("student.notesSection.privateToYouThe")}</p>
      {draft.restored && <Alert tone="info">{t("student.notesSection.weKeptTheNotes")}</Alert>}
      <TextArea
        label={t("student.notesSection.adviceTheyGave")}
        value={draft.values.advice}
        onChange={(advice) => draft.update({ advice })}
        errorMessage={errors.advice}
        rows={4}
      />
      <TextArea
        label={t("student.notesSection.whatYouTakeAway")}
        value={draft.values.takeaways}
        onChange={(takeaways) => draft.update({ takeaways })}
        errorMessage={errors.takeaways}
        rows={3}
      />
      <TextArea
        label={t("thankYou.notes.nextStep")}
        description={t("thankYou.notes.nextStepHint")}
        value={draft.values.nextStep}
        onChange={(nextStep) => draft.update({ nextStep })}
        errorMessage={errors.nextStep}
        rows={2}
      />
      <TextArea
        label={t("student.notesSection.newQuestionsForYour")}
        description={t("student.notesSection.oneQuestionPerLine")}
        value={draft.values.newQuestions}
        onChange={(newQuestions) => draft.update({ newQuestions })}
        errorMessage={errors.newQuestions}
        rows={3}
      />
      <Checkbox isSelected={draft.values.sharedWithAdvisor} onChange={(sharedWithAdvisor) => draft.update({ sharedWithAdvisor })}>
        {t("student.notesSection.shareTheseNotesWith")}
      </Checkbox>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      <div className="actions">
        <Button type="submit" busyLabel={loading ? t("student.notesSection.saving") : null}>
          {t("student.notesSection.saveNotes")}
        </Button>
      </div>
    </form>
  );
}
