import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The header a delivery is signed in: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export const SIGNATURE_HEADER = "Infoview-Signature";
export const EVENT_ID_HEADER = "Infoview-Event-Id";
export const EVENT_HEADER = "Infoview-Event";
export const DELIVERY_ID_HEADER = "Infoview-Delivery-Id";

export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64url")}`;

export function webhookSignature(secret: string, body: string, timestamp: number): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/**
 * What a receiver does (docs/integrations.md shows the same code): recompute the HMAC over the raw body,
 * compare in constant time, and refuse old timestamps so a captured request cannot be replayed later.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  toleranceSeconds = 300,
  now = Date.now(),
): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(webhookSignature(secret, body, timestamp).split("v1=")[1], "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
