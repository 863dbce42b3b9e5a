/**
 * Where form drafts are kept: in sessionStorage (this browser tab, through reloads and failed
 * requests), one entry per signed-in member, institution and form. Signing out drops them all, so
 * the next person on this computer sees none.
 */

const PREFIX = "infoview:draft:";
/** Drafts the student area kept in localStorage before every form shared this module. */
const LEGACY_PREFIX = "infoview.draft.";

/** Whose drafts these are: a person acting in one institution. */
export interface DraftOwner {
  identityId: string;
  institutionId: string;
}

/** The storage key of one form's draft; forms outside the signed-in app have no owner. */
export function draftKey(owner: DraftOwner | null, name: string): string {
  return owner ? `${PREFIX}${owner.identityId}:${owner.institutionId}:${name}` : `${PREFIX}${name}`;
}

function sessionStore(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

export function loadDraft<T>(key: string): Partial<T> | null {
  try {
    const raw = sessionStore()?.getItem(key);
    return raw ? (JSON.parse(raw) as Partial<T>) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, value: unknown): void {
  try {
    sessionStore()?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the form still works, only without the safety net.
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStore()?.removeItem(key);
  } catch {
    // nothing kept
  }
}

function removeKeysStartingWith(store: Storage | null, prefix: string): void {
  if (!store) return;
  for (let i = store.length - 1; i >= 0; i--) {
    const key = store.key(i);
    if (key?.startsWith(prefix)) store.removeItem(key);
  }
}

/** Drops every draft, e.g. on sign-out, so the next person on this computer sees none. */
export function clearAllDrafts(): void {
  try {
    removeKeysStartingWith(sessionStore(), PREFIX);
    removeKeysStartingWith(typeof window === "undefined" ? null : window.localStorage, LEGACY_PREFIX);
  } catch {
    // Storage disabled: nothing was kept.
  }
}
