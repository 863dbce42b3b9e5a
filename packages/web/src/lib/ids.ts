/**
 * A fresh unique key (idempotency keys, import ids). crypto.randomUUID exists only in secure contexts (https, localhost):
 * on plain http to another address, a random key of the same purpose is made instead.
 */
export function newUniqueKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
