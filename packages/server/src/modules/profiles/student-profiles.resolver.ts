import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { StudentsArgs, UpdateStudentProfileInput } from "./profiles.inputs";
import { StudentListingConnection } from "./profiles.types";
import { StudentProfile } from "./student-profile.entity";
import { CurrentViewer } from "../../graphql/current-viewer";

@Resolver(() => StudentProfile)
export class StudentProfilesResolver {
  @Access("STUDENT")
  @Query(() => StudentProfile, { description: "The viewer's own student profile (an empty one until it is first saved)." })
  myStudentProfile(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<StudentProfile> {
    return services.profiles.myStudentProfile(viewer);
  }

  @Access("STUDENT")
  @Mutation(() => StudentProfile, {
    description:
      "Change the viewer's student profile. Career fields and industries must be ids from `careerFields` and `industries` (BAD_USER_INPUT names the field otherwise).",
  })
  updateMyStudentProfile(
    @Arg("input") input: UpdateStudentProfileInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<StudentProfile> {
    return services.profiles.updateMyStudentProfile(viewer, input);
  }

  @Access("ADVISOR", "ADMIN")
  @Query(() => StudentProfile, {
    description:
      "A student's full profile, for advisors and admins — only while the student shares it with advisors (STUDENT_SHARE_WITH_ADVISORS); otherwise PROFILE_NOT_SHARED. NOT_FOUND for anyone who is not a student here.",
  })
  studentProfile(
    @Arg("membershipId", () => ID) membershipId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<StudentProfile> {
    return services.profiles.studentProfile(viewer, membershipId);
  }

  @Access("ADVISOR", "ADMIN")
  @Query(() => StudentListingConnection, {
    description:
      "Every student of the institution, by name. Students who do not share their profile with advisors (STUDENT_SHARE_WITH_ADVISORS) are listed by name only: `profile` is null and `sharesWithAdvisors` false. `search` matches names only, so it reveals nothing a student has not shared.",
  })
  students(@Args() args: StudentsArgs, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<StudentListingConnection> {
    return services.profiles.students(viewer, args);
  }
}
