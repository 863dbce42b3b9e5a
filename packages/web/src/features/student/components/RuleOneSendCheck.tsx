import { forwardRef } from "react";
import type { CheckRequestMessageQuery } from "../graphql/CheckRequestMessage.generated";
import { Button } from "../../../ui/Button";
import { Checkbox } from "../../../ui/Checkbox";
import { t } from "../../../i18n";

type Check = CheckRequestMessageQuery["checkRequestMessage"];

interface Props {
  check: Check;
  confirmed: boolean;
  onConfirmedChange: (confirmed: boolean) => void;
  /** Puts the cursor back in the message, to reword it. */
  onEdit: () => void;
}

/**
 * Rule #1 where the student pressed Send: the message was returned because it reads as asking for a
 * job. It sits right above the Send button and takes focus, so the answer to pressing Send is seen
 * and heard where the student is (it used to appear far above, with focus left on the button).
 */
export const RuleOneSendCheck = forwardRef<HTMLDivElement, Props>(function RuleOneSendCheck(
  { check, confirmed, onConfirmedChange, onEdit },
  ref,
) {
  return (
    <div
      ref={ref}
      className="rule-one-send card"
      role="alert"
      tabIndex={-1}
      aria-labelledby="rule-one-send-title"
      data-testid="rule-one-send"
    >
      <p id="rule-one-send-title" className="rule-one-title">
        {t("student.ruleOneSend.title")}
      </p>
      <p>{t("student.ruleOneSend.explain")}</p>
      <ul className="rule-one-matches">
        {check.matches.map((m) => (
          <li key={`${m.start}-${m.end}`}>
            <mark>{m.phrase}</mark>
          </li>
        ))}
      </ul>
      {check.guidance[0] && <p className="fine-print">{check.guidance[0]}</p>}
      <div className="actions">
        <Button variant="secondary" onPress={onEdit}>
          {t("student.ruleOneSend.edit")}
        </Button>
      </div>
      <Checkbox isSelected={confirmed} onChange={onConfirmedChange}>
        {t("student.requestComposer.iVeReadThis")}
      </Checkbox>
    </div>
  );
});
