/** Checks for the student profile form; each returns a message for a person, or null. */

export const PITCH_MAX = 600;
export const PITCH_MIN = 40;

export function validatePitch(value: string): string | null {
  const pitch = value.trim();
  if (!pitch) return "Write a few sentences about who you are and what you're exploring.";
  if (pitch.length < PITCH_MIN) return `Say a little more: at least ${PITCH_MIN} characters (${PITCH_MIN - pitch.length} more).`;
  if (pitch.length > PITCH_MAX) return `Keep it to ${PITCH_MAX} characters: remove ${pitch.length - PITCH_MAX}.`;
  return null;
}

export function validateClassYear(value: string): string | null {
  const text = value.trim();
  if (!text) return null;
  if (!/^\d{4}$/.test(text)) return "Enter a four-digit year, like 2027.";
  const year = Number(text);
  const now = new Date().getFullYear();
  if (year < now - 10 || year > now + 10) return `Enter a year between ${now - 10} and ${now + 10}.`;
  return null;
}

export function validateMajor(value: string): string | null {
  return value.trim().length > 120 ? "Keep your major to 120 characters." : null;
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
  if (places.length > 10) return `List at most 10 places (you have ${places.length}).`;
  if (places.some((p) => p.length > 120)) return "Keep each place to 120 characters.";
  return null;
}
