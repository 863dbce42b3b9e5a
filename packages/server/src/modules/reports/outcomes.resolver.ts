import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { Outcome } from "./outcome.entity";
import { RecordOutcomeInput } from "./reports.inputs";
import { CurrentViewer } from "../../graphql/current-viewer";

@Resolver(() => Outcome)
export class OutcomesResolver {
  @Access("STUDENT")
  @Mutation(() => Outcome, {
    description:
      "Record what came of a conversation (one of your completed requests) or of your search as a whole. Someone else's request is NOT_FOUND; one not yet completed OUTCOME_NEEDS_COMPLETION.",
  })
  recordOutcome(@Arg("input") input: RecordOutcomeInput, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<Outcome> {
    return services.reports.recordOutcome(viewer, input);
  }

  @Access("STUDENT")
  @Mutation(() => Boolean, { description: "Remove one of your outcomes; NOT_FOUND for anyone else's." })
  removeOutcome(
    @Arg("outcomeId", () => ID) outcomeId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<boolean> {
    return services.reports.removeOutcome(viewer, outcomeId);
  }

  @Access("STUDENT")
  @Query(() => [Outcome], { description: "The outcomes you recorded, newest first." })
  myOutcomes(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<Outcome[]> {
    return services.reports.myOutcomes(viewer);
  }
}
