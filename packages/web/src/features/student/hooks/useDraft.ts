import { useEffect, useRef, useState } from "react";
import { clearDraft, loadDraft, saveDraft } from "../../../lib/drafts";

/**
 * State that survives reloads and failures: kept in localStorage under `key` as it changes.
 * `restored` says whether a saved draft was found, so the page can tell the person.
 */
export function useDraft<T extends object>(key: string, initial: () => T) {
  const [state, setState] = useState<{ value: T; restored: boolean }>(() => {
    const saved = loadDraft<T>(key);
    return saved ? { value: { ...initial(), ...saved }, restored: true } : { value: initial(), restored: false };
  });
  const dirty = useRef(false);
  useEffect(() => {
    if (dirty.current) saveDraft(key, state.value);
  }, [key, state.value]);
  return {
    value: state.value,
    restored: state.restored,
    update(patch: Partial<T> | ((current: T) => Partial<T>)) {
      dirty.current = true;
      setState((s) => ({ ...s, value: { ...s.value, ...(typeof patch === "function" ? patch(s.value) : patch) } }));
    },
    /** Replaces the value without marking it as typed (e.g. filling in a server template). */
    reset(value: T) {
      setState({ value, restored: false });
    },
    discard() {
      dirty.current = false;
      clearDraft(key);
    },
  };
}
