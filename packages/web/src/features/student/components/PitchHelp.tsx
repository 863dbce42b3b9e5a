import { lazy, Suspense, useId, useState } from "react";
import { Button } from "../../../ui/Button";
import { t } from "../../../i18n";

// Loaded when the student asks for it, with its own words: nothing of it is in the onboarding page's first download.
const PitchBuilder = lazy(() => import("./PitchBuilder").then((m) => ({ default: m.PitchBuilder })));

/** "Help me write it" beside the pitch field: opens the guided pitch builder, whose pitch goes into the field. */
export function PitchHelp({ current, onUse }: { current: string; onUse: (pitch: string) => void }) {
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const toggleId = useId();
  return (
    <div className="pitch-help">
      <Button id={toggleId} variant="secondary" aria-expanded={open} aria-controls={regionId} onPress={() => setOpen((o) => !o)}>
        {t("student.onboarding.helpMeWriteIt")}
      </Button>
      <div id={regionId}>
        {open && (
          <Suspense fallback={<p role="status">{t("student.onboarding.loadingPitchHelper")}</p>}>
            <PitchBuilder
              replaces={current.trim() !== ""}
              onUse={(pitch) => {
                setOpen(false);
                onUse(pitch);
              }}
              onClose={() => {
                setOpen(false);
                document.getElementById(toggleId)?.focus();
              }}
            />
          </Suspense>
        )}
      </div>
    </div>
  );
}
