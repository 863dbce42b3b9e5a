import { ApiKeysResolver } from "./api-keys.resolver";

export const integrationsModule = {
  entities: [],
  resolvers: [ApiKeysResolver],
} as const;
