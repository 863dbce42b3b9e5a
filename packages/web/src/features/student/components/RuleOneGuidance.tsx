import type { CheckRequestMessageQuery } from "../graphql/CheckRequestMessage.generated";
import { t } from "../../../i18n";

type Check = CheckRequestMessageQuery["checkRequestMessage"];

/**
 * Rule #1 as the student writes: an informational interview asks for information and advice, never
 * a job. Flagged phrases are quoted with how to reword them; the region is live, so the advice is
 * read out when it appears and when it clears.
 */
export function RuleOneGuidance({ check }: { check: Check | null }) {
  return (
    <div className="rule-one" role="status" aria-live="polite">
      {check?.flagged ? (
        <div className="rule-one-box" data-testid="rule-one-guidance">
          <p className="rule-one-title">{t("student.ruleOneGuidance.rule1AskFor")}</p>
          <p>{t("student.ruleOneGuidance.theseWordsMayRead")}</p>
          <ul className="rule-one-matches">
            {check.matches.map((m) => (
              <li key={`${m.start}-${m.end}`}>
                <mark>{m.phrase}</mark> <span className="rule-one-excerpt">{t("student.ruleOne.in", { excerpt: m.excerpt })}</span>
              </li>
            ))}
          </ul>
          <ul className="rule-one-advice">
            {check.guidance.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </div>
      ) : check ? (
        <p className="rule-one-ok">{t("student.ruleOneGuidance.yourMessageAsksFor")}</p>
      ) : null}
    </div>
  );
}
