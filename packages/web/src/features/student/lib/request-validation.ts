/** Checks for the request composer; each returns a message for a person, or null. */

export const MESSAGE_MIN = 80;
export const MESSAGE_MAX = 5000;

export function validateMessage(value: string): string | null {
  const message = value.trim();
  if (!message) return "Write a message: who you are, why this person, and what you'd like to learn.";
  if (message.length < MESSAGE_MIN)
    return `Say a little more so they know why you're asking: ${MESSAGE_MIN - message.length} more characters.`;
  if (message.length > MESSAGE_MAX) return `Keep it under ${MESSAGE_MAX} characters: remove ${message.length - MESSAGE_MAX}.`;
  return null;
}

export function validateTimes(times: string[], now = Date.now()): string | null {
  if (times.length === 0) return "Propose at least one time.";
  if (times.length > 3) return "Propose at most three times.";
  if (times.some((t) => Date.parse(t) <= now)) return "Every time must be in the future.";
  if (new Set(times).size !== times.length) return "Propose different times.";
  return null;
}

export function validateModality(value: string | null): string | null {
  return value ? null : "Choose how you'd like to meet.";
}

/** A key that makes a retried send return the first request instead of making a second one. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
