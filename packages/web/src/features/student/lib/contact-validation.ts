import { t } from "../../../i18n";
/** Checks for a contact logged by hand; each returns a message for a person, or null. */

export function validateContactName(value: string): string | null {
  const name = value.trim();
  if (!name) return t("student.v.nameRequired");
  if (name.length > 200) return t("student.v.nameTooLong");
  return null;
}

/** A YYYY-MM-DD day, not in the future. */
export function validateContactDate(value: string, today = new Date()): string | null {
  if (!value) return t("student.v.dateRequired");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return t("student.v.dateInvalid");
  const todayText = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  if (value > todayText) return t("student.v.dateFuture");
  return null;
}

export function validateContactNotes(value: string): string | null {
  return value.length > 5000 ? t("student.v.notesTooLong", { extra: value.length - 5000 }) : null;
}
