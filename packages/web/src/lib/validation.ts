/** Small validators that return a message for a person, or null when the value is fine. */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(value: string): string | null {
  const email = value.trim();
  if (!email) return "Enter your email address.";
  if (!EMAIL.test(email)) return "Enter an email address like name@example.edu.";
  if (email.length > 254) return "That email address is too long.";
  return null;
}

export function validateRequired(value: string, message: string): string | null {
  return value.trim() ? null : message;
}

export const MIN_PASSWORD_LENGTH = 10;

export function validateNewPassword(value: string): string | null {
  if (!value) return "Enter a password.";
  if (value.length < MIN_PASSWORD_LENGTH) {
    const missing = MIN_PASSWORD_LENGTH - value.length;
    return `Use at least ${MIN_PASSWORD_LENGTH} characters (${missing} more).`;
  }
  if (value.length > 200) return "Use at most 200 characters.";
  return null;
}
