import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { ApiKey, ApiKeyWithSecret, CreateApiKeyInput } from "./api-keys.types";
import { CurrentViewer } from "../../graphql/current-viewer";

@Resolver()
export class ApiKeysResolver {
  @Access("ADMIN")
  @Query(() => [ApiKey], { description: "The institution's API keys, active first. Secrets are never shown again." })
  apiKeys(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<ApiKey[]> {
    return services.integrations.apiKeys.list(viewer);
  }

  @Access("ADMIN")
  @Mutation(() => ApiKeyWithSecret, { description: "Create an API key with the given scopes. The secret is returned this once." })
  createApiKey(
    @Arg("input") input: CreateApiKeyInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ApiKeyWithSecret> {
    return services.integrations.apiKeys.create(viewer, input);
  }

  @Access("ADMIN")
  @Mutation(() => ApiKeyWithSecret, {
    description: "Replace a key's secret; the old one stops working at once. The new secret is returned this once.",
  })
  rotateApiKey(@Arg("id", () => ID) id: string, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<ApiKeyWithSecret> {
    return services.integrations.apiKeys.rotate(viewer, id);
  }

  @Access("ADMIN")
  @Mutation(() => ApiKey, { description: "Revoke a key; it stops working at once and cannot be restored." })
  revokeApiKey(@Arg("id", () => ID) id: string, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<ApiKey> {
    return services.integrations.apiKeys.revoke(viewer, id);
  }
}
