import type { ServiceDeps } from "../../services";
import { ApiKeysService } from "./api-keys.service";

/** Integrations: API keys; bulk upserts, sync feeds and webhooks build on them. */
export class IntegrationsService {
  readonly apiKeys: ApiKeysService;

  constructor(deps: ServiceDeps) {
    this.apiKeys = new ApiKeysService(deps);
  }
}
