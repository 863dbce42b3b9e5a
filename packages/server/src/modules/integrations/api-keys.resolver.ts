import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context, Viewer } from "../../graphql/context";
import { ApiKey, ApiKeyWithSecret, CreateApiKeyInput } from "./api-keys.types";

@Resolver()
export class ApiKeysResolver {
  @Access("ADMIN")
  @Query(() => [ApiKey], { description: "The institution's API keys, active first. Secrets are never shown again." })
  apiKeys(@Ctx() { services, viewer }: Context): Promise<ApiKey[]> {
    return services.integrations.apiKeys.list(viewer as Viewer);
  }

  @Access("ADMIN")
  @Mutation(() => ApiKeyWithSecret, { description: "Create an API key with the given scopes. The secret is returned this once." })
  createApiKey(@Arg("input") input: CreateApiKeyInput, @Ctx() { services, viewer }: Context): Promise<ApiKeyWithSecret> {
    return services.integrations.apiKeys.create(viewer as Viewer, input);
  }

  @Access("ADMIN")
  @Mutation(() => ApiKeyWithSecret, {
    description: "Replace a key's secret; the old one stops working at once. The new secret is returned this once.",
  })
  rotateApiKey(@Arg("id", () => ID) id: string, @Ctx() { services, viewer }: Context): Promise<ApiKeyWithSecret> {
    return services.integrations.apiKeys.rotate(viewer as Viewer, id);
  }

  @Access("ADMIN")
  @Mutation(() => ApiKey, { description: "Revoke a key; it stops working at once and cannot be restored." })
  revokeApiKey(@Arg("id", () => ID) id: string, @Ctx() { services, viewer }: Context): Promise<ApiKey> {
    return services.integrations.apiKeys.revoke(viewer as Viewer, id);
  }
}
