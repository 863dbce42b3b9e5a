import { ApiKeysResolver } from "./api-keys.resolver";
import { GraduationResolver } from "./graduation.resolver";
import { PeopleResolver } from "./people.resolver";
import { SyncResolver } from "./sync.resolver";
import { WebhooksResolver } from "./webhooks.resolver";

export const integrationsModule = {
  entities: [],
  resolvers: [ApiKeysResolver, PeopleResolver, WebhooksResolver, SyncResolver, GraduationResolver],
} as const;
