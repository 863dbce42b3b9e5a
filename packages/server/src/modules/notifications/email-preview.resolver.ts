import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import { EmailPreview } from "./email-preview.types";

@Resolver()
export class EmailPreviewResolver {
  @Access("ADMIN")
  @Query(() => [EmailPreview], {
    description:
      "Every kind of email Infoview sends, rendered with sample people and your institution's name, for admins to review. Nothing is sent.",
  })
  emailPreviews(
    @Ctx() { viewer, services }: Context,
    @Arg("locale", () => String, {
      nullable: true,
      description: "The language to render them in: `en` (the default) or `es`, as people who chose it receive them.",
    })
    locale?: string | null,
  ): Promise<EmailPreview[]> {
    return services.notifications.emailPreviews(viewer!, locale ?? null);
  }
}
