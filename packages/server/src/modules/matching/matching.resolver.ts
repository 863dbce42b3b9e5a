import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { AlumniMatchesArgs, SuggestAlumnusArgs } from "./matching.inputs";
import { AlumnusMatchConnection, AlumnusSuggestion } from "./matching.types";
import { CurrentViewer } from "../../graphql/current-viewer";

@Resolver()
export class MatchingResolver {
  @Access("STUDENT", "ADVISOR", "ADMIN")
  @Query(() => AlumnusMatchConnection, {
    description:
      "Alumni ranked for a student, best first, each with a score and reasons in plain words; advisor suggestions come first. " +
      "Only alumni who are listed and take requests (ALUMNUS_LISTED and ALUMNUS_CONTACT), not paused, with capacity left this month, " +
      "who have not recently declined them; alumni with an open request from this student are counted in `leftOutAlreadyContacted` " +
      "and listed only with `includeContacted`. Each reason quotes what matched on both sides. A student sees their own matches; " +
      "advisors and admins pass `studentMembershipId` (PROFILE_NOT_SHARED unless the student shares with advisors). " +
      "`field`, `industry` and `search` narrow the list. At most 100 matches in all.",
  })
  alumniMatches(
    @Args() args: AlumniMatchesArgs,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AlumnusMatchConnection> {
    return services.matching.alumniMatches(viewer, args);
  }

  @Access("STUDENT")
  @Query(() => [AlumnusSuggestion], { description: "Alumni advisors suggested to the viewer and not dismissed, newest first." })
  mySuggestions(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<AlumnusSuggestion[]> {
    return services.matching.mySuggestions(viewer);
  }

  @Access("ADVISOR", "ADMIN")
  @Mutation(() => AlumnusSuggestion, {
    description:
      "Suggest a listed alum to a student; it shows first in the student's matches, marked as a suggestion. Suggesting the same alum again updates the note. NOT_FOUND for an unknown student or an alum who is not listed.",
  })
  suggestAlumnus(
    @Args() args: SuggestAlumnusArgs,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AlumnusSuggestion> {
    return services.matching.suggestAlumnus(viewer, args);
  }

  @Access("STUDENT", "ADVISOR", "ADMIN")
  @Mutation(() => Boolean, {
    description: "Dismiss a suggestion: the student it was made to, or an advisor or admin. NOT_FOUND otherwise.",
  })
  dismissSuggestion(
    @Arg("suggestionId", () => ID) suggestionId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<boolean> {
    return services.matching.dismissSuggestion(viewer, suggestionId);
  }
}
