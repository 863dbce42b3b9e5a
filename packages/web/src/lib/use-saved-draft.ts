import { useCallback, useEffect, useRef, useState } from "react";

const PREFIX = "infoview:draft:";

function read<T>(key: string, fallback: T): T {
  try {
    const stored = window.sessionStorage.getItem(PREFIX + key);
    return stored ? ({ ...fallback, ...(JSON.parse(stored) as object) } as T) : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Form values that survive a failed request, a reload or a closed tab (for this browser tab's
 * session): every change is kept in sessionStorage until `clear` is called after a successful save.
 * `reset` replaces the values (e.g. with what the server returned) without keeping them as a draft.
 */
export function useSavedDraft<T extends object>(key: string, initial: T) {
  const [values, setValues] = useState<T>(() => read(key, initial));
  const [restored] = useState(() => {
    try {
      return window.sessionStorage.getItem(PREFIX + key) !== null;
    } catch {
      return false;
    }
  });
  const dirty = useRef(false);

  useEffect(() => {
    if (!dirty.current) return;
    try {
      window.sessionStorage.setItem(PREFIX + key, JSON.stringify(values));
    } catch {
      // Storage full or disabled: the form still works, only without the safety net.
    }
  }, [key, values]);

  const update = useCallback((patch: Partial<T> | ((current: T) => T)) => {
    dirty.current = true;
    setValues((current) => (typeof patch === "function" ? patch(current) : { ...current, ...patch }));
  }, []);

  const clear = useCallback(() => {
    dirty.current = false;
    try {
      window.sessionStorage.removeItem(PREFIX + key);
    } catch {
      // nothing kept
    }
  }, [key]);

  const reset = useCallback(
    (next: T) => {
      clear();
      setValues(next);
    },
    [clear],
  );

  return { values, update, clear, reset, restored };
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
