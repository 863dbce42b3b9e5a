import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { createClient } from "graphql-ws";
import { from, switchMap, throwError } from "rxjs";
import { authStore as defaultAuthStore, type AuthStore } from "../lib/auth/auth-store";
import { createRefresher, type Refresher } from "../lib/auth/refresh";

declare module "@apollo/client" {
  interface DefaultContext {
    /** The access token this request was sent with, to tell a stale token from a revoked session. */
    accessToken?: string | null;
    /** Set once a request has been retried after a refresh, so it is never retried twice. */
    retriedAfterRefresh?: boolean;
  }
}

/** Refresh a little before the access token expires, so requests rarely fail for it. */
const REFRESH_MARGIN_MS = 15_000;

export interface ApolloSetup {
  client: ApolloClient;
  refresh: Refresher;
}

function webSocketUrl(path: string): string {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

/**
 * One Apollo Client for the app: queries and mutations over HTTP, subscriptions over
 * graphql-ws, both authenticated from the auth store. A request that fails with
 * UNAUTHENTICATED while a refresh token exists is retried once after `refreshSession`.
 */
export function createApollo({
  store = defaultAuthStore,
  endpoint = "/graphql",
}: { store?: AuthStore; endpoint?: string } = {}): ApolloSetup {
  const refresh = createRefresher(store, endpoint);

  const authLink = new SetContextLink(async (prevContext) => {
    let session = store.get();
    if (session && Date.parse(session.accessTokenExpiresAt) - Date.now() < REFRESH_MARGIN_MS) {
      await refresh(session.accessToken);
      session = store.get();
    }
    const headers: Record<string, string> = { ...(prevContext.headers as Record<string, string> | undefined) };
    if (session) headers.authorization = `Bearer ${session.accessToken}`;
    else delete headers.authorization;
    return { headers, accessToken: session?.accessToken ?? null };
  });

  const refreshLink = new ErrorLink(({ error, operation, forward }) => {
    if (!CombinedGraphQLErrors.is(error)) return;
    if (!error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) return;
    const context = operation.getContext();
    if (context.retriedAfterRefresh || !store.get()?.refreshToken) return;
    operation.setContext({ retriedAfterRefresh: true });
    return from(refresh(context.accessToken ?? null)).pipe(
      switchMap((refreshed) => (refreshed ? forward(operation) : throwError(() => error))),
    );
  });

  let socket: WebSocket | null = null;
  const wsClient = createClient({
    url: webSocketUrl(endpoint),
    lazy: true,
    retryAttempts: 5,
    shouldRetry: () => true,
    connectionParams: () => {
      const session = store.get();
      return session ? { authorization: `Bearer ${session.accessToken}` } : {};
    },
    on: {
      opened: (opened) => {
        socket = opened as WebSocket;
      },
      closed: () => {
        socket = null;
      },
    },
  });
  // The server reads the token when the socket connects: reconnect when it changes.
  let socketToken = store.get()?.accessToken ?? null;
  store.subscribe(() => {
    const token = store.get()?.accessToken ?? null;
    if (token === socketToken) return;
    socketToken = token;
    if (socket?.readyState === WebSocket.OPEN) socket.close(4205, "Session changed");
  });

  const transport = ApolloLink.split(
    (operation) => operation.operationType === "subscription",
    new GraphQLWsLink(wsClient),
    new HttpLink({ uri: endpoint }),
  );

  const client = new ApolloClient({
    link: ApolloLink.from([refreshLink, authLink, transport]),
    cache: new InMemoryCache({
      typePolicies: {
        // One viewer at a time; replaced whole on sign-in and institution switch.
        Me: { keyFields: [] },
      },
    }),
  });
  return { client, refresh };
}
