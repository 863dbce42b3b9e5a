/**
 * Form drafts kept in localStorage, so nothing typed is lost to a failed request, a closed tab or
 * a dropped connection. Drafts are per signed-in member and per form; sending the form clears it.
 */

const PREFIX = "infoview.draft.";

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function draftKey(...parts: string[]): string {
  return PREFIX + parts.join(".");
}

export function loadDraft<T>(key: string): T | null {
  const raw = storage()?.getItem(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // A full or disabled storage only costs the draft.
  }
}

export function clearDraft(key: string): void {
  storage()?.removeItem(key);
}

/** Drops every draft, e.g. on sign-out, so the next person on this computer sees none. */
export function clearAllDrafts(): void {
  const store = storage();
  if (!store) return;
  for (let i = store.length - 1; i >= 0; i--) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) store.removeItem(key);
  }
}
