import { AsyncLocalStorage } from "node:async_hooks";

/** What the HTTP layer knows about the request being served, for the audit log: its id and the caller's address. */
export interface RequestInfo {
  requestId: string | null;
  ip: string | null;
}

const storage = new AsyncLocalStorage<RequestInfo>();

/**
 * Runs fn (and everything it starts) with the request's id and address at hand, so the audit log can record them
 * without services seeing HTTP. http/server.ts wraps each GraphQL request; background jobs have none.
 */
export function withRequestInfo<T>(info: RequestInfo, fn: () => T): T {
  return storage.run(info, fn);
}

export function currentRequestInfo(): RequestInfo {
  return storage.getStore() ?? { requestId: null, ip: null };
}
