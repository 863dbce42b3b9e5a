import { Checkbox } from "../../../ui/Checkbox";
import type { ChecklistItem } from "../lib/meeting-prep";
import { t } from "../../../i18n";
import "../meeting-prep-messages";

const LABELS: Record<ChecklistItem, (name: string) => string> = {
  lookUp: (name) => t("meetingPrep.checklist.lookUp", { name }),
  questions: () => t("meetingPrep.checklist.questions"),
  notAJob: () => t("meetingPrep.checklist.notAJob"),
  wear: () => t("meetingPrep.checklist.wear"),
  directions: () => t("meetingPrep.checklist.directions"),
  onTime: () => t("meetingPrep.checklist.onTime"),
  keepTime: () => t("meetingPrep.checklist.keepTime"),
  whoElse: () => t("meetingPrep.checklist.whoElse"),
};

/** The guides' checklist before an informational interview; each tick is kept for this request (ADR 0034). */
export function PrepChecklist({
  items,
  ticked,
  alumnusName,
  onTick,
}: {
  items: ChecklistItem[];
  ticked: string[];
  alumnusName: string;
  onTick: (item: ChecklistItem, on: boolean) => void;
}) {
  const done = items.filter((item) => ticked.includes(item)).length;
  return (
    <section className="card" aria-labelledby="prep-checklist-heading">
      <h2 id="prep-checklist-heading">{t("meetingPrep.checklist.heading")}</h2>
      <p className="fine-print">{t("meetingPrep.checklist.progress", { done, total: items.length })}</p>
      <ul className="plain-list prep-checklist" aria-labelledby="prep-checklist-heading">
        {items.map((item) => (
          <li key={item}>
            <Checkbox isSelected={ticked.includes(item)} onChange={(on) => onTick(item, on)}>
              {LABELS[item](alumnusName)}
            </Checkbox>
          </li>
        ))}
      </ul>
    </section>
  );
}
