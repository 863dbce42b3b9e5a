import { ApiKeysResolver } from "./api-keys.resolver";
import { PeopleResolver } from "./people.resolver";
import { WebhooksResolver } from "./webhooks.resolver";

export const integrationsModule = {
  entities: [],
  resolvers: [ApiKeysResolver, PeopleResolver, WebhooksResolver],
} as const;
