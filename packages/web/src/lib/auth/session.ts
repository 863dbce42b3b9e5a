import type { Session_AuthPayloadFragment } from "./graphql/Session_AuthPayload.generated";
import type { StoredSession } from "./auth-store";

/** The part of a sign-in, refresh or switch answer that the browser keeps. */
export function toStoredSession(payload: Session_AuthPayloadFragment): StoredSession {
  return {
    accessToken: payload.accessToken,
    accessTokenExpiresAt: payload.accessTokenExpiresAt,
    refreshToken: payload.refreshToken,
    institutionId: payload.me.institutionId,
  };
}
