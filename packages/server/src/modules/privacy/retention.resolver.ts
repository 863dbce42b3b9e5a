import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Viewer } from "../../auth/viewer";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import { CurrentViewer } from "../../graphql/current-viewer";
import { RetentionPreview, RetentionSettings, RetentionSettingsInput } from "./retention.types";

@Resolver()
export class RetentionResolver {
  @Access("ADMIN")
  @Query(() => RetentionSettings, { description: "The institution's retention rules (admins)." })
  retentionSettings(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<RetentionSettings> {
    return services.privacy.retention.settings(viewer);
  }

  @Access("ADMIN")
  @Query(() => RetentionPreview, {
    description:
      "A dry run (admins): what the daily retention job would remove now, per kind, under the institution's rules or the given ones over them. Nothing changes.",
  })
  async retentionPreview(
    @Arg("settings", () => RetentionSettingsInput, { nullable: true }) settings: RetentionSettingsInput | null,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<RetentionPreview> {
    return services.privacy.retention.preview(viewer, settings);
  }

  @Access("ADMIN")
  @Mutation(() => RetentionSettings, {
    description:
      "Sets the institution's retention rules (admins). Omitted fields keep their value; null or 0 keeps forever. Recorded as institution.retention_changed.",
  })
  updateRetentionSettings(
    @Arg("input", () => RetentionSettingsInput) input: RetentionSettingsInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<RetentionSettings> {
    return services.privacy.retention.updateSettings(viewer, input);
  }
}
