import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { Viewer } from "../../auth/viewer";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import { Accommodation, SetAccommodationsInput, SetAccommodationsResult } from "./accommodations.types";

/** Accessibility accommodations for one conversation: said by either participant, seen by the other (ADR 0025). */
@Resolver()
export class AccommodationsResolver {
  @Access("STUDENT", "ALUMNUS")
  @Mutation(() => SetAccommodationsResult, {
    description:
      "Say what you need for this conversation (replacing what you said before), while the request is open or the meeting booked. When an interpreter or captioner is asked for a meeting sooner than the institution's lead time, `tooSoon` says when it could be and which proposed times are late enough. ACCOMMODATIONS_CLOSED after the conversation; REQUEST_NOT_FOUND for someone else's request.",
  })
  setAccommodations(@Arg("input") input: SetAccommodationsInput, @Ctx() { services, viewer }: Context): Promise<SetAccommodationsResult> {
    return services.accommodations.set(viewer as Viewer, input);
  }

  @Access("STUDENT", "ALUMNUS", "ADVISOR", "ADMIN")
  @Query(() => [Accommodation], {
    description:
      "What the participants need for this conversation: both sides for the two participants; for advisors and admins only the student's, and only when the student shares it. Each view of another person's needs is recorded in the audit log.",
  })
  requestAccommodations(@Arg("requestId", () => ID) requestId: string, @Ctx() { services, viewer }: Context): Promise<Accommodation[]> {
    return services.accommodations.forRequest(viewer as Viewer, requestId);
  }

  @Access("STUDENT", "ALUMNUS")
  @Query(() => Int, {
    description:
      "The viewer's institution's lead time for an interpreter or captioner, in days (10 unless the institution set another): forms warn about times sooner than this.",
  })
  accommodationLeadDays(@Ctx() { services, viewer }: Context): Promise<number> {
    return services.accommodations.leadDays(viewer as Viewer);
  }
}
