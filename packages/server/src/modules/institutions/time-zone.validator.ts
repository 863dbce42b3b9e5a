import { ValidateBy, type ValidationOptions } from "class-validator";

/**
 * The canonical spelling of an IANA time zone name (e.g. `utc` → `UTC`), or null when it is not one.
 * Offsets such as `+02:00` are refused: newer runtimes accept them, but they ignore daylight saving time.
 */
export function canonicalTimeZone(value: unknown): string | null {
  if (typeof value !== "string" || !/^[A-Za-z]/.test(value) || value.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** class-validator check for an IANA time zone name such as America/Chicago. */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isIanaTimeZone",
      validator: {
        validate: (value) => canonicalTimeZone(value) !== null,
        defaultMessage: () => "Use an IANA time zone name such as America/Chicago.",
      },
    },
    options,
  );
}
