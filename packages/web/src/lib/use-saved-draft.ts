import { useCallback, useContext, useEffect, useRef, useState } from "react";
import { ViewerContext } from "./auth/viewer";
import { clearDraft, draftKey, loadDraft, saveDraft } from "./drafts";

/**
 * Form values that survive a failed request or a reload (see drafts.ts for where and for whom):
 * every change is kept until `clear` is called after a successful save. `restored` says a kept
 * draft was found, so the page can tell the person. `reset` replaces the values (e.g. with what
 * the server returned, or an empty form) and drops the kept draft.
 */
export function useSavedDraft<T extends object>(name: string, initial: T | (() => T)) {
  const viewer = useContext(ViewerContext);
  const key = draftKey(viewer && { identityId: viewer.identity.id, institutionId: viewer.institutionId }, name);
  const [state, setState] = useState<{ values: T; restored: boolean }>(() => {
    const fallback = typeof initial === "function" ? (initial as () => T)() : initial;
    const saved = loadDraft<T>(key);
    return saved ? { values: { ...fallback, ...saved }, restored: true } : { values: fallback, restored: false };
  });
  const dirty = useRef(false);

  useEffect(() => {
    if (dirty.current) saveDraft(key, state.values);
  }, [key, state.values]);

  const update = useCallback((patch: Partial<T> | ((current: T) => Partial<T>)) => {
    dirty.current = true;
    setState((s) => ({ ...s, values: { ...s.values, ...(typeof patch === "function" ? patch(s.values) : patch) } }));
  }, []);

  const clear = useCallback(() => {
    dirty.current = false;
    clearDraft(key);
  }, [key]);

  const reset = useCallback(
    (next: T) => {
      clear();
      setState({ values: next, restored: false });
    },
    [clear],
  );

  return { values: state.values, update, clear, reset, restored: state.restored };
}

type StringFields<T> = { [K in keyof T]-?: T[K] extends string ? K : never }[keyof T] & string;

/**
 * A form kept as a draft (see useSavedDraft) with validation as you type: a field's message shows
 * once it has been left or the form submitted, then follows every keystroke. Server messages for a
 * field show until that field changes.
 */
export function useDraftForm<T extends object>(
  key: string,
  initial: T,
  validators: Partial<Record<keyof T & string, (value: T[keyof T], all: T) => string | null>>,
) {
  const draft = useSavedDraft<T>(key, initial);
  const [touched, setTouched] = useState<Partial<Record<keyof T & string, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<string, string>>>({});

  const messageFor = (field: keyof T & string, all: T): string | null => {
    const validate = validators[field];
    return validate ? validate(all[field], all) : null;
  };

  const errors: Partial<Record<keyof T & string, string>> = {};
  for (const field of Object.keys(draft.values) as Array<keyof T & string>) {
    const message = serverErrors[field] ?? (touched[field] ? messageFor(field, draft.values) : null);
    if (message) errors[field] = message;
  }

  const set = <K extends keyof T & string>(field: K, value: T[K]) => {
    draft.update((current) => ({ ...current, [field]: value }));
    setServerErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  };

  /** Props for a text-like field (TextField, TextAreaField, SelectField, InputField). */
  const fieldProps = (field: StringFields<T>) => ({
    name: field,
    value: draft.values[field] as string,
    onChange: (value: string) => set(field, value as T[typeof field]),
    onBlur: () => setTouched((t) => (t[field] ? t : { ...t, [field]: true })),
    errorMessage: errors[field],
  });

  /** Marks every field touched; returns the first field with a problem, or null. */
  const validateAll = (): (keyof T & string) | null => {
    const fields = Object.keys(draft.values) as Array<keyof T & string>;
    setTouched(Object.fromEntries(fields.map((f) => [f, true])) as Record<keyof T & string, boolean>);
    return fields.find((f) => messageFor(f, draft.values) !== null) ?? null;
  };

  const reset = (next: T) => {
    setTouched({});
    setServerErrors({});
    draft.reset(next);
  };

  return {
    values: draft.values,
    set,
    errors,
    fieldProps,
    validateAll,
    setServerErrors,
    clear: draft.clear,
    reset,
    restored: draft.restored,
  };
}
