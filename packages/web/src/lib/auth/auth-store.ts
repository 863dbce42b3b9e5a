import { useSyncExternalStore } from "react";

/** What the browser keeps between visits: the tokens of one session and where it acts. */
export interface StoredSession {
  accessToken: string;
  /** ISO time; the token is refreshed a little before this. */
  accessTokenExpiresAt: string;
  refreshToken: string;
  /** The institution the access token acts in; sent again when refreshing. */
  institutionId: string;
}

/** Why a session ended without the person signing out, shown once on the sign-in page. */
export type SessionEndReason = "expired";

export interface AuthStore {
  get(): StoredSession | null;
  set(session: StoredSession): void;
  clear(reason?: SessionEndReason): void;
  /** Re-reads storage, in case another tab changed the session a moment ago. */
  reload(): StoredSession | null;
  /** Why the last session ended on its own, until the next one starts. */
  endReason(): SessionEndReason | null;
  subscribe(listener: () => void): () => void;
}

export const STORAGE_KEY = "infoview.session";

function parse(raw: string | null): StoredSession | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof value.accessToken !== "string" || typeof value.refreshToken !== "string" || typeof value.institutionId !== "string")
      return null;
    return {
      accessToken: value.accessToken,
      refreshToken: value.refreshToken,
      institutionId: value.institutionId,
      accessTokenExpiresAt: typeof value.accessTokenExpiresAt === "string" ? value.accessTokenExpiresAt : new Date(0).toISOString(),
    };
  } catch {
    return null;
  }
}

/**
 * A small external store over localStorage. Other tabs see changes through the `storage`
 * event, so signing out in one tab signs out all of them.
 */
export function createAuthStore(storage: Storage, events: Pick<Window, "addEventListener"> | null = null): AuthStore {
  const listeners = new Set<() => void>();
  let raw = storage.getItem(STORAGE_KEY);
  let current = parse(raw);
  let endReason: SessionEndReason | null = null;
  const emit = () => listeners.forEach((listener) => listener());

  const write = (next: StoredSession | null) => {
    current = next;
    raw = next ? JSON.stringify(next) : null;
    try {
      if (raw) storage.setItem(STORAGE_KEY, raw);
      else storage.removeItem(STORAGE_KEY);
    } catch {
      // Storage can be full or blocked (private mode); the session still works in this tab.
    }
    emit();
  };

  const reload = () => {
    const next = storage.getItem(STORAGE_KEY);
    if (next !== raw) {
      raw = next;
      current = parse(next);
      emit();
    }
    return current;
  };

  events?.addEventListener("storage", (event) => {
    if (event.key === null || event.key === STORAGE_KEY) reload();
  });

  return {
    get: () => current,
    set(session) {
      endReason = null;
      write(session);
    },
    reload,
    clear(reason) {
      endReason = reason ?? null;
      write(null);
    },
    endReason: () => endReason,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const authStore: AuthStore = createAuthStore(window.localStorage, window);

/** The current session, re-rendering when it changes (sign-in, refresh, sign-out, another tab). */
export function useStoredSession(store: AuthStore = authStore): StoredSession | null {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
