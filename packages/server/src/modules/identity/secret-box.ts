import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Secrets at rest (OIDC client secrets, SAML SP private keys): AES-256-GCM with SECRETS_KEY. Each value names the key
 * that sealed it (`v1.<keyId>.<iv>.<tag>.<ciphertext>`), so after a rotation values sealed with a key listed in
 * SECRETS_KEY_PREVIOUS still open, and `resealAll` (run at start) seals them again with the current key.
 */
export class SecretBox {
  private readonly current: { id: string; key: Buffer };
  private readonly byId = new Map<string, Buffer>();

  constructor(key: Uint8Array, previous: Uint8Array[] = []) {
    this.current = { id: keyIdOf(key), key: Buffer.from(key) };
    for (const k of [key, ...previous]) this.byId.set(keyIdOf(k), Buffer.from(k));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.current.key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return ["v1", this.current.id, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(
      ".",
    );
  }

  open(sealed: string): string {
    const [version, id, iv, tag, body] = sealed.split(".");
    const key = this.byId.get(id ?? "");
    if (version !== "v1" || !key || !iv || !tag || body === undefined) {
      throw new Error("a stored secret was sealed with a key that is not configured (SECRETS_KEY / SECRETS_KEY_PREVIOUS)");
    }
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }

  /** Whether a sealed value should be sealed again with the current key. */
  isStale(sealed: string): boolean {
    return sealed.split(".")[1] !== this.current.id;
  }
}

const keyIdOf = (key: Uint8Array): string => createHash("sha256").update(key).digest("hex").slice(0, 8);
