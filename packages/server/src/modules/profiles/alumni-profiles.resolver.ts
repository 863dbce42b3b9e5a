import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { AlumnusProfile } from "./alumnus-profile.entity";
import { AlumniDirectoryArgs, UpdateAlumnusProfileInput } from "./profiles.inputs";
import { canSeeContactDetails } from "./profiles.policy";
import { AlumnusProfileConnection } from "./profiles.types";
import { CurrentViewer } from "../../graphql/current-viewer";

const CONTACT_RULE = "Shown only to the alum themself; null for everyone else, advisors and admins included.";

@Resolver(() => AlumnusProfile)
export class AlumniProfilesResolver {
  @Access("ALUMNUS")
  @Query(() => AlumnusProfile, { description: "The viewer's own alumni profile (an empty one until it is first saved)." })
  myAlumnusProfile(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<AlumnusProfile> {
    return services.profiles.myAlumnusProfile(viewer);
  }

  @Access("ALUMNUS")
  @Mutation(() => AlumnusProfile, {
    description:
      "Change the viewer's alumni profile. Industry and career fields must be ids from `industries` and `careerFields` (BAD_USER_INPUT names the field otherwise).",
  })
  updateMyAlumnusProfile(
    @Arg("input") input: UpdateAlumnusProfileInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AlumnusProfile> {
    return services.profiles.updateMyAlumnusProfile(viewer, input);
  }

  @Access("SIGNED_IN")
  @Query(() => AlumnusProfile, {
    description:
      "One alum's profile. Visible while the alum is listed (ALUMNUS_LISTED), to the alum themself, and to advisors and admins; NOT_FOUND otherwise, the same as for an unknown id.",
  })
  alumnusProfile(
    @Arg("membershipId", () => ID) membershipId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AlumnusProfile> {
    return services.profiles.alumnusProfile(viewer, membershipId);
  }

  @Access("STUDENT", "ADVISOR", "ADMIN")
  @Query(() => AlumnusProfileConnection, {
    description:
      "Alumni who are listed (ALUMNUS_LISTED active), by name. Filter by career field or industry id; `search` matches part of the name, employer, job title or a topic (trigram-indexed). An alum who withdraws ALUMNUS_LISTED disappears at once.",
  })
  alumniDirectory(
    @Args() args: AlumniDirectoryArgs,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AlumnusProfileConnection> {
    return services.profiles.alumniDirectory(viewer, args);
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => String, { nullable: true, description: `The alum's contact email. ${CONTACT_RULE}` })
  contactEmail(@Root() profile: AlumnusProfile, @CurrentViewer() viewer: Viewer): string | null {
    return canSeeContactDetails(viewer, profile) ? profile.contactEmail : null;
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => String, { nullable: true, description: `The alum's contact phone number. ${CONTACT_RULE}` })
  contactPhone(@Root() profile: AlumnusProfile, @CurrentViewer() viewer: Viewer): string | null {
    return canSeeContactDetails(viewer, profile) ? profile.contactPhone : null;
  }

  @Access("SIGNED_IN")
  @FieldResolver(() => String, {
    nullable: true,
    description: "The alum's personal meeting link: shown to the alum only (others see it on the meeting they booked).",
  })
  personalMeetingLink(@Root() profile: AlumnusProfile, @Ctx() { viewer }: Context): string | null {
    return canSeeContactDetails(viewer as Viewer, profile) ? profile.personalMeetingLink : null;
  }
}
