import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { CurrentViewer } from "../../graphql/current-viewer";
import { AdvisorAssignment } from "./reports.types";
import { CaseloadAdvisor, StudentRosterArgs, StudentRosterConnection } from "./student-roster.types";

@Resolver()
export class StudentRosterResolver {
  @Access("ADVISOR", "ADMIN")
  @Query(() => StudentRosterConnection, {
    description:
      "The advisors' students table: every student of the institution, with the advisor whose caseload they are on and, while they share with advisors (STUDENT_SHARE_WITH_ADVISORS), class year, last activity and the needs-action lists they are on (the dashboard's rules and windows). Sorted and filtered here, a page at a time; `search` matches names only, and the class-year and needs-action filters and sorts see only what students share.",
  })
  studentRoster(
    @Args() args: StudentRosterArgs,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<StudentRosterConnection> {
    return services.reports.roster.list(viewer, args);
  }

  @Access("ADVISOR", "ADMIN")
  @Query(() => [CaseloadAdvisor], {
    description: "The institution's active advisors by name, with their caseload sizes, to assign students to.",
  })
  caseloadAdvisors(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<CaseloadAdvisor[]> {
    return services.reports.roster.advisors(viewer);
  }

  @Access("ADVISOR", "ADMIN")
  @Query(() => AdvisorAssignment, { description: "Which advisor's caseload a student is on (advisorMembershipId null: none)." })
  studentAssignment(
    @Arg("studentMembershipId", () => ID) studentMembershipId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AdvisorAssignment> {
    return services.reports.roster.assignment(viewer, studentMembershipId);
  }

  @Access("ADVISOR", "ADMIN")
  @Mutation(() => AdvisorAssignment, {
    description:
      "Put a student on an advisor's caseload, or take them off it (advisorMembershipId null). A change is recorded in the audit log (student.advisor_assigned).",
  })
  assignAdvisor(
    @Arg("studentMembershipId", () => ID) studentMembershipId: string,
    @Arg("advisorMembershipId", () => ID, { nullable: true }) advisorMembershipId: string | null,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AdvisorAssignment> {
    return services.reports.roster.assign(viewer, studentMembershipId, advisorMembershipId ?? null);
  }
}
