import { createAuthStore, type StoredSession } from "./auth-store";
import { createRefresher } from "./refresh";

const INSTITUTION = "5b0c8a8e-0000-4000-8000-000000000001";
const stored: StoredSession = {
  accessToken: "old",
  accessTokenExpiresAt: new Date().toISOString(),
  refreshToken: "refresh-1",
  institutionId: INSTITUTION,
};

const payload = {
  accessToken: "new",
  accessTokenExpiresAt: new Date(Date.now() + 900_000).toISOString(),
  refreshToken: "refresh-2",
  me: { institutionId: INSTITUTION },
};

// jsdom has no fetch Response; the refresher only reads the JSON body.
const answer = (body: unknown) => Promise.resolve({ json: async () => body } as Response);

describe("refreshing the session", () => {
  beforeEach(() => localStorage.clear());

  it("trades the refresh token for new tokens in the same institution", async () => {
    const store = createAuthStore(localStorage);
    store.set(stored);
    const fetchImpl = jest.fn(() => answer({ data: { refreshSession: payload } }));

    await expect(createRefresher(store, "/graphql", fetchImpl)("old")).resolves.toBe(true);

    expect(store.get()).toMatchObject({ accessToken: "new", refreshToken: "refresh-2", institutionId: INSTITUTION });
    const body = JSON.parse((fetchImpl.mock.calls[0] as unknown as [string, RequestInit])[1].body as string);
    expect(body.variables).toEqual({ refreshToken: "refresh-1", institutionId: INSTITUTION });
  });

  it("spends the refresh token once when several requests fail together", async () => {
    const store = createAuthStore(localStorage);
    store.set(stored);
    const fetchImpl = jest.fn(() => answer({ data: { refreshSession: payload } }));
    const refresh = createRefresher(store, "/graphql", fetchImpl);

    await expect(Promise.all([refresh("old"), refresh("old"), refresh("old")])).resolves.toEqual([true, true, true]);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it("does not refresh when the failed token was already replaced", async () => {
    const store = createAuthStore(localStorage);
    store.set({ ...stored, accessToken: "newer" });
    const fetchImpl = jest.fn(() => answer({}));
    await expect(createRefresher(store, "/graphql", fetchImpl)("old")).resolves.toBe(true);
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it("ends the session when the server refuses the refresh token", async () => {
    const store = createAuthStore(localStorage);
    store.set(stored);
    const fetchImpl = jest.fn(() => answer({ errors: [{ message: "ended", extensions: { code: "SESSION_REVOKED" } }] }));
    await expect(createRefresher(store, "/graphql", fetchImpl)("old")).resolves.toBe(false);
    expect(store.get()).toBeNull();
    expect(store.endReason()).toBe("expired");
  });

  it("keeps the session when the server cannot be reached", async () => {
    const store = createAuthStore(localStorage);
    store.set(stored);
    const fetchImpl = jest.fn(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(createRefresher(store, "/graphql", fetchImpl)("old")).resolves.toBe(false);
    expect(store.get()?.refreshToken).toBe("refresh-1");
  });
});
