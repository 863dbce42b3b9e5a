import { createHash, randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { ROLES, type Role } from "../../auth/viewer";

export interface AccessClaims {
  identityId: string;
  sessionId: string;
  institutionId: string;
  roles: Role[];
  memberships: Partial<Record<Role, string>>;
}

const ISSUER = "infoview";

export async function signAccessToken(secret: Uint8Array, ttlSeconds: number, claims: AccessClaims): Promise<string> {
  return new SignJWT({ sid: claims.sessionId, inst: claims.institutionId, mem: claims.memberships })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.identityId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secret);
}

/** The claims of a valid, unexpired token, or null. Roles come from the membership map. */
export async function verifyAccessToken(secret: Uint8Array, token: string): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, algorithms: ["HS256"] });
    const memberships = (payload.mem ?? {}) as Partial<Record<Role, string>>;
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string" || typeof payload.inst !== "string") return null;
    return {
      identityId: payload.sub,
      sessionId: payload.sid,
      institutionId: payload.inst,
      memberships,
      roles: ROLES.filter((r) => typeof memberships[r] === "string"),
    };
  } catch {
    return null;
  }
}

export const randomToken = (): string => randomBytes(32).toString("base64url");
export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");
