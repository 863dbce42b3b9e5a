import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context, Viewer } from "../../graphql/context";
import { Outcome } from "./outcome.entity";
import { RecordOutcomeInput } from "./reports.inputs";

@Resolver(() => Outcome)
export class OutcomesResolver {
  @Access("STUDENT")
  @Mutation(() => Outcome, {
    description:
      "Record what came of a conversation (one of your completed requests) or of your search as a whole. Someone else's request is NOT_FOUND; one not yet completed OUTCOME_NEEDS_COMPLETION.",
  })
  recordOutcome(@Arg("input") input: RecordOutcomeInput, @Ctx() { services, viewer }: Context): Promise<Outcome> {
    return services.reports.recordOutcome(viewer as Viewer, input);
  }

  @Access("STUDENT")
  @Mutation(() => Boolean, { description: "Remove one of your outcomes; NOT_FOUND for anyone else's." })
  removeOutcome(@Arg("outcomeId", () => ID) outcomeId: string, @Ctx() { services, viewer }: Context): Promise<boolean> {
    return services.reports.removeOutcome(viewer as Viewer, outcomeId);
  }

  @Access("STUDENT")
  @Query(() => [Outcome], { description: "The outcomes you recorded, newest first." })
  myOutcomes(@Ctx() { services, viewer }: Context): Promise<Outcome[]> {
    return services.reports.myOutcomes(viewer as Viewer);
  }
}
