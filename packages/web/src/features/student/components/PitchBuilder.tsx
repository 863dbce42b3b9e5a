import { useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import { Button } from "../../../ui/Button";
import { TextField } from "../../../ui/TextField";
import { CheckRequestMessageDocument } from "../graphql/CheckRequestMessage.generated";
import { useDebouncedValue } from "../hooks/useDebouncedValue";
import { composePitch, EMPTY_PITCH_PARTS, type PitchParts } from "../lib/pitch-builder";
import { PITCH_MAX } from "../lib/profile-validation";
import { RuleOneGuidance } from "./RuleOneGuidance";
import { t } from "../../../i18n";

export interface PitchBuilderProps {
  /** Puts the written pitch in the profile's pitch field (the student can still edit it there). */
  onUse: (pitch: string) => void;
  onClose: () => void;
  /** The pitch field already holds something, which Use this pitch replaces. */
  replaces?: boolean;
}

const PARTS = [
  { name: "background", label: () => t("pitchBuilder.background"), hint: () => t("pitchBuilder.backgroundHint") },
  { name: "experience", label: () => t("pitchBuilder.experience"), hint: () => t("pitchBuilder.experienceHint") },
  { name: "learn", label: () => t("pitchBuilder.learn"), hint: () => t("pitchBuilder.learnHint") },
  { name: "curious", label: () => t("pitchBuilder.curious"), hint: () => t("pitchBuilder.curiousHint") },
] as const satisfies ReadonlyArray<{ name: keyof PitchParts; label: () => string; hint: () => string }>;

/**
 * The career center's elevator pitch, step by step: four short parts, a preview of the sentences they make, and
 * Rule #1 checked on the preview (the server's checker, as in the request composer) so a pitch never asks for a job.
 */
export function PitchBuilder({ onUse, onClose, replaces = false }: PitchBuilderProps) {
  const headingId = useId();
  const previewId = useId();
  const [parts, setParts] = useState<PitchParts>(EMPTY_PITCH_PARTS);
  const pitch = composePitch(parts);
  const checkedText = useDebouncedValue(pitch, 400);
  const check = useQuery(CheckRequestMessageDocument, { variables: { text: checkedText }, skip: !checkedText.trim() });
  const ruleOne = checkedText.trim() ? (check.data?.checkRequestMessage ?? check.previousData?.checkRequestMessage ?? null) : null;

  return (
    <section className="pitch-builder" aria-labelledby={headingId} data-testid="pitch-builder">
      <h3 id={headingId}>{t("pitchBuilder.heading")}</h3>
      <p className="fine-print">{t("pitchBuilder.intro")}</p>
      {PARTS.map(({ name, label, hint }) => (
        <TextField
          key={name}
          name={`pitch-${name}`}
          label={label()}
          description={hint()}
          value={parts[name]}
          onChange={(value) => setParts((p) => ({ ...p, [name]: value }))}
        />
      ))}
      <h4 id={previewId}>{t("pitchBuilder.preview")}</h4>
      <div className="pitch-preview card" aria-labelledby={previewId} role="group" data-testid="pitch-preview">
        {pitch ? <p>{pitch}</p> : <p className="fine-print">{t("pitchBuilder.previewEmpty")}</p>}
        {pitch && (
          <p className={pitch.length > PITCH_MAX ? "field-error" : "fine-print"}>
            {pitch.length > PITCH_MAX
              ? t("pitchBuilder.tooLong", { max: PITCH_MAX })
              : t("pitchBuilder.length", { length: pitch.length, max: PITCH_MAX })}
          </p>
        )}
      </div>
      <RuleOneGuidance check={ruleOne} />
      {replaces && pitch && <p className="fine-print">{t("pitchBuilder.replaces")}</p>}
      <div className="actions">
        <Button isDisabled={!pitch} onPress={() => onUse(pitch)}>
          {t("pitchBuilder.use")}
        </Button>
        <Button variant="secondary" onPress={onClose}>
          {t("pitchBuilder.close")}
        </Button>
      </div>
    </section>
  );
}
