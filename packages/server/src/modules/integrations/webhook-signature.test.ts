import { createHmac } from "node:crypto";
import { verifyWebhookSignature, webhookSignature } from "./webhook-signature";

/**
 * Known answers: the expected signature below was computed once, independently, with node:crypto
 * (HMAC-SHA256 of "<t>.<body>" with the secret) and written down as a literal, so a signer that drops
 * the timestamp, or a verifier that checks the signature with the signer's own mistake, fails here.
 */
const SECRET = "whsec_known-answer-test-secret";
const T = 1767225600; // 2026-01-01T00:00:00Z
const BODY = `{"event":"request.accepted","id":"evt_1"}`;
const EXPECTED = "170dd7682edae8e753f09d4e306a6403af43ed46e0afe02e919ecdaf48e6dd5f";
/** The HMAC of the body alone: what a signer that forgot the timestamp would send. */
const BODY_ONLY = "7ccffccd31a397764080c07e6ae2ed75a8042ce53f6782e45e17e5bc56e20f57";
const AT_T = T * 1000;

describe("signing a delivery", () => {
  it("signs HMAC-SHA256 over '<t>.<body>' as t=<t>,v1=<hex>", () => {
    expect(webhookSignature(SECRET, BODY, T)).toBe(`t=${T},v1=${EXPECTED}`);
  });

  it("matches a receiver that computes the HMAC itself over '<t>.<body>'", () => {
    const header = webhookSignature(SECRET, BODY, T);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
    expect(createHmac("sha256", SECRET).update(`${t}.${BODY}`).digest("hex")).toBe(v1);
  });
});

describe("verifying a delivery", () => {
  it("accepts the known signature at its time and within the tolerance (300 s)", () => {
    expect(verifyWebhookSignature(SECRET, `t=${T},v1=${EXPECTED}`, BODY, 300, AT_T)).toBe(true);
    expect(verifyWebhookSignature(SECRET, `t=${T},v1=${EXPECTED}`, BODY, 300, AT_T + 299_000)).toBe(true);
  });

  it("refuses an old timestamp, and one from the future, past the tolerance, though the HMAC is right", () => {
    expect(verifyWebhookSignature(SECRET, `t=${T},v1=${EXPECTED}`, BODY, 300, AT_T + 301_000)).toBe(false);
    expect(verifyWebhookSignature(SECRET, `t=${T},v1=${EXPECTED}`, BODY, 300, AT_T - 301_000)).toBe(false);
    expect(verifyWebhookSignature(SECRET, `t=${T},v1=${EXPECTED}`, BODY, undefined, AT_T + 3_600_000)).toBe(false);
  });

  it("refuses a signature over the body alone, another body, another secret, or a moved timestamp", () => {
    expect(verifyWebhookSignature(SECRET, `t=${T},v1=${BODY_ONLY}`, BODY, 300, AT_T)).toBe(false);
    expect(verifyWebhookSignature(SECRET, `t=${T},v1=${EXPECTED}`, BODY.replace("evt_1", "evt_2"), 300, AT_T)).toBe(false);
    expect(verifyWebhookSignature("whsec_other", `t=${T},v1=${EXPECTED}`, BODY, 300, AT_T)).toBe(false);
    expect(verifyWebhookSignature(SECRET, `t=${T + 1},v1=${EXPECTED}`, BODY, 300, AT_T)).toBe(false);
    expect(verifyWebhookSignature(SECRET, undefined, BODY, 300, AT_T)).toBe(false);
    expect(verifyWebhookSignature(SECRET, `v1=${EXPECTED}`, BODY, 300, AT_T)).toBe(false);
  });
});
