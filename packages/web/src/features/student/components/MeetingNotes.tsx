import { useMutation } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import { describeError } from "../../../lib/errors";
import { useSavedDraft } from "../../../lib/use-saved-draft";
import { Alert } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { TextArea } from "../../../ui/TextArea";
import { SaveNotesDocument } from "../graphql/SaveNotes.generated";
import { t } from "../../../i18n";
import "../meeting-prep-messages";

const LIMIT = 10_000;
/** How long typing pauses before the notes are saved. */
export const AUTOSAVE_DELAY_MS = 1_500;

type SaveState = "saved" | "pending" | "saving" | "waiting" | "failed";

const STATE_WORDS: Record<SaveState, () => string> = {
  saved: () => t("meetingPrep.notes.state.saved"),
  pending: () => t("meetingPrep.notes.state.pending"),
  saving: () => t("meetingPrep.notes.state.saving"),
  waiting: () => t("meetingPrep.notes.state.waiting"),
  failed: () => t("meetingPrep.notes.state.failed"),
};

/**
 * Notes as you go: the advice the alum gives, typed during the conversation and saved with the notes API (the
 * same field as "Advice they gave" on the conversation page). Kept on this device at every keystroke
 * (useSavedDraft), saved to the server when typing pauses; before the meeting's start time the server keeps no
 * notes, so they wait on this device until then.
 */
export function MeetingNotes({ requestId, savedAdvice, started }: { requestId: string; savedAdvice: string; started: boolean }) {
  const draft = useSavedDraft<{ advice: string }>(`meeting-notes:${requestId}`, () => ({ advice: savedAdvice }));
  const [saved, setSaved] = useState(savedAdvice);
  const [state, setState] = useState<SaveState>(draft.values.advice === savedAdvice ? "saved" : "pending");
  const [failure, setFailure] = useState<string | null>(null);
  const [saveNotes] = useMutation(SaveNotesDocument);
  const advice = draft.values.advice;
  const tooLong = advice.length > LIMIT;
  const latest = useRef(advice);
  latest.current = advice;

  async function save(text: string) {
    setState("saving");
    try {
      await saveNotes({ variables: { requestId, input: { advice: text } } });
      setSaved(text);
      setFailure(null);
      if (latest.current === text) {
        draft.clear();
        setState("saved");
      } else setState("pending");
    } catch (error) {
      const described = describeError(error);
      if (described.code === "CONVERSATION_NOT_STARTED") setState("waiting");
      else {
        setState("failed");
        setFailure(t("meetingPrep.notes.failed", { message: described.message }));
      }
    }
  }

  useEffect(() => {
    if (advice === saved || tooLong) return;
    if (!started) {
      setState("waiting");
      return;
    }
    setState("pending");
    const id = window.setTimeout(() => void save(advice), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(id);
  }, [advice, saved, started, tooLong]);

  return (
    <section className="card form" aria-labelledby="meeting-notes-heading">
      <h2 id="meeting-notes-heading">{t("meetingPrep.notes.heading")}</h2>
      <TextArea
        label={t("meetingPrep.notes.label")}
        description={t("meetingPrep.notes.hint")}
        value={advice}
        onChange={(value) => draft.update({ advice: value })}
        errorMessage={tooLong ? t("meetingPrep.notes.tooLong", { max: LIMIT, extra: advice.length - LIMIT }) : undefined}
        rows={10}
      />
      <p className="fine-print" data-testid="notes-state">
        {STATE_WORDS[state]()}
      </p>
      <div role="status" className="alert-region">
        {state === "waiting" && <p className="alert alert-info">{t("meetingPrep.notes.waiting")}</p>}
      </div>
      <Alert>{state === "failed" ? failure : null}</Alert>
      {(state === "failed" || state === "pending") && started && !tooLong && (
        <div className="actions">
          <Button variant="secondary" onPress={() => void save(advice)}>
            {t("meetingPrep.notes.saveNow")}
          </Button>
        </div>
      )}
    </section>
  );
}
