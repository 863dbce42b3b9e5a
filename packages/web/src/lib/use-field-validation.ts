import { useCallback, useMemo, useState } from "react";

type Validators<F extends string> = Record<F, (value: string) => string | null>;

/**
 * Form state with validation as you type: a field's message appears once it has been
 * left (or the form submitted) and then follows every keystroke. Server messages for a
 * field show until that field is edited.
 */
export function useFieldValidation<F extends string>(initial: Record<F, string>, validators: Validators<F>) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<F, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<F, string>>>({});

  const errors = useMemo(() => {
    const result: Partial<Record<F, string>> = {};
    for (const field of Object.keys(validators) as F[]) {
      const message = serverErrors[field] ?? (touched[field] ? validators[field](values[field]) : null);
      if (message) result[field] = message;
    }
    return result;
  }, [values, touched, serverErrors, validators]);

  const fieldProps = useCallback(
    (field: F) => ({
      name: field,
      value: values[field],
      onChange: (value: string) => {
        setValues((v) => ({ ...v, [field]: value }));
        setServerErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
      },
      onBlur: () => setTouched((t) => (t[field] ? t : { ...t, [field]: true })),
      errorMessage: errors[field],
    }),
    [values, errors],
  );

  /** Marks every field touched; returns the first field with a problem, or null. */
  const validateAll = useCallback((): F | null => {
    const all = Object.fromEntries(Object.keys(validators).map((f) => [f, true])) as Record<F, boolean>;
    setTouched(all);
    return (Object.keys(validators) as F[]).find((f) => validators[f](values[f]) !== null) ?? null;
  }, [validators, values]);

  return { values, errors, fieldProps, validateAll, setServerErrors };
}
