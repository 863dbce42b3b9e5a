import type { ApiKeyPrincipal, Viewer } from "../auth/viewer";
import type { Services } from "../services";
import type { Loaders } from "./loaders";

/** What every resolver receives: who is asking (auth/viewer.ts), the request id, the services and this request's loaders. */
export interface Context {
  viewer: Viewer | null;
  /** Set instead of viewer when the request carries an API key (`Bearer ivk_…`). */
  apiKey?: ApiKeyPrincipal | null;
  requestId: string;
  services: Services;
  loaders: Loaders;
}
