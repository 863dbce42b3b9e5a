import { t } from "../i18n";
/** Small validators that return a message for a person, or null when the value is fine. */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(value: string): string | null {
  const email = value.trim();
  if (!email) return t("ui.validation.emailRequired");
  if (!EMAIL.test(email)) return t("ui.validation.emailInvalid");
  if (email.length > 254) return t("ui.validation.emailTooLong");
  return null;
}

export function validateRequired(value: string, message: string): string | null {
  return value.trim() ? null : message;
}

export const MIN_PASSWORD_LENGTH = 10;

export function validateNewPassword(value: string): string | null {
  if (!value) return t("ui.validation.passwordRequired");
  if (value.length < MIN_PASSWORD_LENGTH) {
    const missing = MIN_PASSWORD_LENGTH - value.length;
    return t("ui.validation.passwordTooShort", { min: MIN_PASSWORD_LENGTH, missing });
  }
  if (value.length > 200) return t("ui.validation.passwordTooLong");
  return null;
}
