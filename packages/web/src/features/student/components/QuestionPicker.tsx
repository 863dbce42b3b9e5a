import { useApolloClient, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Button } from "../../../ui/Button";
import { Checkbox } from "../../../ui/Checkbox";
import { TextField } from "../../../ui/TextField";
import { CheckQuestionDocument } from "../graphql/CheckQuestion.generated";
import { QuestionBankDocument } from "../graphql/QuestionBank.generated";
import { t } from "../../../i18n";

export const MAX_QUESTIONS = 15;

export interface PickedQuestion {
  text: string;
  bankId: string | null;
  closed: boolean;
  suggestion: string | null;
}

/**
 * The questions to ask: picked from the career center's bank, or written by the student. Yes/no
 * questions are flagged with an open way to ask them, because they end conversations.
 */
export function QuestionPicker({
  questions,
  onChange,
  share,
  onShareChange,
}: {
  questions: PickedQuestion[];
  onChange: (questions: PickedQuestion[]) => void;
  share: boolean;
  onShareChange: (share: boolean) => void;
}) {
  const client = useApolloClient();
  const bank = useQuery(QuestionBankDocument);
  const [own, setOwn] = useState("");
  const [ownError, setOwnError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const full = questions.length >= MAX_QUESTIONS;
  const picked = new Set(questions.map((q) => q.text));

  async function addOwn() {
    const text = own.trim();
    if (!text) return setOwnError(t("student.questions.empty"));
    if (text.length > 500) return setOwnError(t("student.questions.tooLong", { extra: text.length - 500 }));
    if (picked.has(text)) return setOwnError(t("student.questions.duplicate"));
    if (full) return setOwnError(t("student.questions.full", { max: MAX_QUESTIONS }));
    setAdding(true);
    let closed = false;
    let suggestion: string | null = null;
    try {
      const { data } = await client.query({ query: CheckQuestionDocument, variables: { text } });
      closed = data?.checkQuestion.closed ?? false;
      suggestion = data?.checkQuestion.suggestion ?? null;
    } catch {
      // The check is advice only; the question is added without it.
    }
    setAdding(false);
    onChange([...questions, { text, bankId: null, closed, suggestion }]);
    setOwn("");
    setOwnError(null);
  }

  const move = (index: number, by: number) => {
    const next = [...questions];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item);
    onChange(next);
  };

  return (
    <div className="question-picker">
      <h3 className="subheading">{t("student.questions.heading", { count: questions.length, max: MAX_QUESTIONS })}</h3>
      {questions.length === 0 ? (
        <p className="fine-print">{t("student.questionPicker.noQuestionsYetPick")}</p>
      ) : (
        <ol className="picked-questions">
          {questions.map((q, i) => (
            <li key={q.text} className="picked-question">
              <p>
                {q.text}
                {q.closed && <span className="tag tag-warning">{t("student.questionPicker.yesNoQuestion")}</span>}
              </p>
              {q.closed && q.suggestion && (
                <p className="fine-print">
                  {t("student.questions.openItUp", { suggestion: q.suggestion })}{" "}
                  <Button
                    variant="quiet"
                    onPress={() =>
                      onChange(questions.map((x, j) => (j === i ? { ...x, text: q.suggestion!, closed: false, suggestion: null } : x)))
                    }
                  >
                    {t("student.questionPicker.useThisWording")}
                  </Button>
                </p>
              )}
              <div className="row-actions">
                {i > 0 && (
                  <Button variant="quiet" onPress={() => move(i, -1)} aria-label={t("student.questions.moveUpLabel", { question: q.text })}>
                    {t("student.questionPicker.moveUp")}
                  </Button>
                )}
                <Button
                  variant="quiet"
                  onPress={() => onChange(questions.filter((_, j) => j !== i))}
                  aria-label={t("student.questions.removeLabel", { question: q.text })}
                >
                  {t("student.questionPicker.remove")}
                </Button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="field-with-action">
        <TextField
          label={t("student.questionPicker.writeYourOwnQuestion")}
          value={own}
          onChange={(v) => {
            setOwn(v);
            setOwnError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void addOwn();
            }
          }}
          errorMessage={ownError ?? undefined}
        />
        <Button variant="secondary" onPress={() => void addOwn()} busyLabel={adding ? t("student.questionPicker.checking") : null}>
          {t("student.questionPicker.addQuestion")}
        </Button>
      </div>
      <Checkbox isSelected={share} onChange={onShareChange}>
        {t("student.questionPicker.shareMyQuestionsWith")}
      </Checkbox>

      <details className="question-bank">
        <summary>{t("student.questionPicker.questionBankIdeasFrom")}</summary>
        {bank.loading && <p>{t("student.questionPicker.loadingQuestions")}</p>}
        {bank.error && <p role="alert">{t("student.questionPicker.weCouldnTLoad")}</p>}
        {bank.data?.questionBank.map((theme) => (
          <section key={theme.id} aria-labelledby={`theme-${theme.id}`} className="bank-theme">
            <h4 id={`theme-${theme.id}`}>{theme.label}</h4>
            <p className="fine-print">{theme.description}</p>
            <ul className="bank-questions">
              {theme.questions.map((q) => (
                <li key={q.id}>
                  <span>
                    {q.text}
                    {q.closed && <span className="tag tag-warning">{t("student.questionPicker.yesNoQuestion")}</span>}
                  </span>
                  <Button
                    variant="quiet"
                    isDisabled={picked.has(q.text) || full}
                    aria-label={
                      picked.has(q.text)
                        ? t("student.questions.addedLabel", { question: q.text })
                        : t("student.questions.addLabel", { question: q.text })
                    }
                    onPress={() => onChange([...questions, { text: q.text, bankId: q.id, closed: q.closed, suggestion: null }])}
                  >
                    {picked.has(q.text) ? t("student.questionPicker.added") : t("student.questionPicker.add")}
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </details>
    </div>
  );
}
