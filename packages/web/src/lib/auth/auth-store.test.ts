import { createAuthStore, STORAGE_KEY, type StoredSession } from "./auth-store";

const session = (accessToken: string): StoredSession => ({
  accessToken,
  accessTokenExpiresAt: new Date(Date.now() + 60_000).toISOString(),
  refreshToken: `refresh-${accessToken}`,
  institutionId: "5b0c8a8e-0000-4000-8000-000000000001",
});

describe("the auth store", () => {
  beforeEach(() => localStorage.clear());

  it("keeps the session in localStorage so it survives a reload", () => {
    createAuthStore(localStorage).set(session("a"));
    expect(createAuthStore(localStorage).get()?.accessToken).toBe("a");
  });

  it("ignores stored values that are not a session", () => {
    localStorage.setItem(STORAGE_KEY, "{not json");
    expect(createAuthStore(localStorage).get()).toBeNull();
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: 1 }));
    expect(createAuthStore(localStorage).get()).toBeNull();
  });

  it("follows another tab signing out", () => {
    const events = new EventTarget();
    const store = createAuthStore(localStorage, events as unknown as Window);
    store.set(session("a"));
    const listener = jest.fn();
    store.subscribe(listener);

    localStorage.removeItem(STORAGE_KEY);
    events.dispatchEvent(Object.assign(new Event("storage"), { key: STORAGE_KEY }));

    expect(store.get()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("remembers why a session ended until the next one starts", () => {
    const store = createAuthStore(localStorage);
    store.set(session("a"));
    store.clear("expired");
    expect(store.endReason()).toBe("expired");
    store.set(session("b"));
    expect(store.endReason()).toBeNull();
  });
});
