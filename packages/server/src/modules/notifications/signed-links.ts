import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * Signed links for email (ADR 0021): `v1.<claims>.<mac>`, the claims base64url JSON, the mac HMAC-SHA256 of
 * `v1.<claims>` with a key derived (HKDF) from SECRETS_KEY for one purpose, so a link for one thing never opens another.
 * A link carries its institution, what it is for and when it expires; single use is recorded by the caller in
 * signed_link_uses (the token's SHA-256, never the token).
 */
export interface LinkClaims {
  /** Institution id. */
  i: string;
  /** Expiry, seconds since the epoch. */
  e: number;
  [claim: string]: string | number;
}

export type LinkCheck<C extends LinkClaims> = { ok: true; claims: C } | { ok: false; problem: "INVALID" | "EXPIRED" };

export class LinkSigner {
  private readonly key: Buffer;

  constructor(
    secret: Uint8Array,
    readonly purpose: string,
  ) {
    this.key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), `infoview signed link: ${purpose}`, 32));
  }

  sign(claims: LinkClaims): string {
    const body = `v1.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
    return `${body}.${this.mac(body)}`;
  }

  verify<C extends LinkClaims>(token: string, now: Date): LinkCheck<C> {
    const parts = typeof token === "string" && token.length <= 2000 ? token.split(".") : [];
    if (parts.length !== 3 || parts[0] !== "v1") return { ok: false, problem: "INVALID" };
    const body = `${parts[0]}.${parts[1]}`;
    const given = Buffer.from(parts[2], "base64url");
    const expected = Buffer.from(this.mac(body), "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: "INVALID" };
    let claims: C;
    try {
      claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as C;
    } catch {
      return { ok: false, problem: "INVALID" };
    }
    if (typeof claims?.i !== "string" || typeof claims.e !== "number") return { ok: false, problem: "INVALID" };
    if (claims.e * 1000 <= now.getTime()) return { ok: false, problem: "EXPIRED" };
    return { ok: true, claims };
  }

  private mac(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}

/** What signed_link_uses keeps of a token. */
export const tokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");
