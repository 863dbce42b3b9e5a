import { Ctx, Query, Resolver } from "type-graphql";
import type { Viewer } from "../../auth/viewer";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import { CurrentViewer } from "../../graphql/current-viewer";
import { GraduationEmailPrompt } from "./graduation.types";

/** What a student sees of graduation before it happens (issue 13, ADR 0032). */
@Resolver()
export class GraduationResolver {
  @Access("STUDENT")
  @Query(() => GraduationEmailPrompt, {
    description:
      "Whether to ask the signed-in student to add and verify a personal email (addEmail, verifyEmail) before they graduate: due while their class year ends within a year, or has ended, and they hold no verified address outside the institution's campus email domains.",
  })
  graduationEmailPrompt(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<GraduationEmailPrompt> {
    return services.integrations.graduation.emailPrompt(viewer);
  }
}
