/** Checks for a contact logged by hand; each returns a message for a person, or null. */

export function validateContactName(value: string): string | null {
  const name = value.trim();
  if (!name) return "Write the person's name.";
  if (name.length > 200) return "Keep the name to 200 characters.";
  return null;
}

/** A YYYY-MM-DD day, not in the future. */
export function validateContactDate(value: string, today = new Date()): string | null {
  if (!value) return "Say when you talked.";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return "Enter a date like 2027-03-16.";
  const todayText = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  if (value > todayText) return "The date can't be in the future.";
  return null;
}

export function validateContactNotes(value: string): string | null {
  return value.length > 5000 ? `Keep notes to 5000 characters: remove ${value.length - 5000}.` : null;
}
