import { t } from "../../../i18n";
/** Checks for the student profile form; each returns a message for a person, or null. */

export const PITCH_MAX = 600;
export const PITCH_MIN = 40;

export function validatePitch(value: string): string | null {
  const pitch = value.trim();
  if (!pitch) return t("student.v.pitchRequired");
  if (pitch.length < PITCH_MIN) return t("student.v.pitchTooShort", { min: PITCH_MIN, missing: PITCH_MIN - pitch.length });
  if (pitch.length > PITCH_MAX) return t("student.v.pitchTooLong", { max: PITCH_MAX, extra: pitch.length - PITCH_MAX });
  return null;
}

export function validateClassYear(value: string): string | null {
  const text = value.trim();
  if (!text) return null;
  if (!/^\d{4}$/.test(text)) return t("student.v.yearInvalid");
  const year = Number(text);
  const now = new Date().getFullYear();
  if (year < now - 10 || year > now + 10) return t("student.v.yearRange", { from: String(now - 10), to: String(now + 10) });
  return null;
}

export function validateMajor(value: string): string | null {
  return value.trim().length > 120 ? t("student.v.majorTooLong") : null;
}

/** "Chicago, IL; Remote" → ["Chicago, IL", "Remote"]: places are separated by semicolons or new lines. */
export function splitPlaces(value: string): string[] {
  return value
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function validatePlaces(value: string): string | null {
  const places = splitPlaces(value);
  if (places.length > 10) return t("student.v.placesTooMany", { count: places.length });
  if (places.some((p) => p.length > 120)) return t("student.v.placeTooLong");
  return null;
}
