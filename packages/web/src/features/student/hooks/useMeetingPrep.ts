import { useCallback, useContext, useEffect, useState } from "react";
import { ViewerContext } from "../../../lib/auth/viewer";
import { EMPTY_PREP, loadPrep, prepKey, savePrep, withTick, type PrepRecord } from "../lib/meeting-prep";

/** The student's ticks and timer for one request, kept on this device (see lib/meeting-prep.ts, ADR 0034). */
export function useMeetingPrep(requestId: string) {
  const viewer = useContext(ViewerContext);
  const key = viewer ? prepKey({ identityId: viewer.identity.id, institutionId: viewer.institutionId }, requestId) : null;
  const [record, setRecord] = useState<PrepRecord>(() => (key ? loadPrep(key) : EMPTY_PREP));

  useEffect(() => {
    setRecord(key ? loadPrep(key) : EMPTY_PREP);
  }, [key]);

  const change = useCallback(
    (next: (current: PrepRecord) => PrepRecord) => {
      setRecord((current) => {
        const updated = next(current);
        if (key) savePrep(key, updated);
        return updated;
      });
    },
    [key],
  );

  const tick = useCallback(
    (list: "checklist" | "asked", id: string, on: boolean) => change((r) => ({ ...r, [list]: withTick(r[list], id, on) })),
    [change],
  );
  const startTimer = useCallback((at: number) => change((r) => ({ ...r, timerStartedAt: at })), [change]);
  const resetTimer = useCallback(() => change((r) => ({ ...r, timerStartedAt: null })), [change]);

  return { record, tick, startTimer, resetTimer };
}
