import { newUniqueKey } from "../../../lib/ids";
import { t } from "../../../i18n";
/** Checks for the request composer; each returns a message for a person, or null. */

export const MESSAGE_MIN = 80;
export const MESSAGE_MAX = 5000;

export function validateMessage(value: string): string | null {
  const message = value.trim();
  if (!message) return t("student.v.messageRequired");
  if (message.length < MESSAGE_MIN) return t("student.v.messageTooShort", { missing: MESSAGE_MIN - message.length });
  if (message.length > MESSAGE_MAX) return t("student.v.messageTooLong", { max: MESSAGE_MAX, extra: message.length - MESSAGE_MAX });
  return null;
}

export function validateTimes(times: string[], now = Date.now()): string | null {
  if (times.length === 0) return t("student.v.timesNone");
  if (times.length > 3) return t("student.v.timesTooMany");
  if (times.some((t) => Date.parse(t) <= now)) return t("student.v.timesPast");
  if (new Set(times).size !== times.length) return t("student.v.timesSame");
  return null;
}

export function validateModality(value: string | null): string | null {
  return value ? null : t("student.v.modality");
}

/** A key that makes a retried send return the first request instead of making a second one. */
export const newIdempotencyKey = newUniqueKey;
