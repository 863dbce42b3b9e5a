import { print } from "graphql";
import type { AuthStore } from "./auth-store";
import { RefreshSessionDocument, type RefreshSessionMutation } from "./graphql/RefreshSession.generated";
import { toStoredSession } from "./session";

/**
 * Trades the refresh token for a new access token. Resolves true when a fresh token is in
 * the store (ours, or one another request or tab got first), false when the session is over.
 */
export type Refresher = (failedAccessToken: string | null) => Promise<boolean>;

const REFRESH_QUERY = print(RefreshSessionDocument);
const LOCK_NAME = "infoview.session-refresh";

export function createRefresher(store: AuthStore, endpoint: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): Refresher {
  let inFlight: Promise<boolean> | null = null;

  async function refreshOnce(failedAccessToken: string | null): Promise<boolean> {
    const session = store.reload();
    if (!session) return false;
    // Someone refreshed while we waited: the token that failed is no longer current.
    if (failedAccessToken && session.accessToken !== failedAccessToken) return true;
    let body: { data?: RefreshSessionMutation | null; errors?: Array<{ extensions?: { code?: string } }> };
    try {
      const response = await fetchImpl(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
        body: JSON.stringify({
          operationName: "RefreshSession",
          query: REFRESH_QUERY,
          variables: { refreshToken: session.refreshToken, institutionId: session.institutionId },
        }),
      });
      body = await response.json();
    } catch {
      // Offline or the server is down: keep the session and let the request fail as it did.
      return false;
    }
    const payload = body.data?.refreshSession;
    if (payload) {
      store.set(toStoredSession(payload));
      return true;
    }
    const code = body.errors?.[0]?.extensions?.code;
    if (code === "INTERNAL_SERVER_ERROR") return false;
    store.clear("expired");
    return false;
  }

  const withLock = (fn: () => Promise<boolean>): Promise<boolean> => {
    // Refresh tokens rotate, so only one tab may spend the current one.
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    return locks ? locks.request(LOCK_NAME, fn) : fn();
  };

  return (failedAccessToken) => {
    inFlight ??= withLock(() => refreshOnce(failedAccessToken)).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
