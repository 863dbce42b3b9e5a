import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { CurrentViewer } from "../../graphql/current-viewer";
import { AcademicTerm, SetAcademicTermsInput } from "./academic-terms.types";

@Resolver()
export class AcademicTermsResolver {
  @Access("ADVISOR", "ADMIN")
  @Query(() => [AcademicTerm], {
    description: "The institution's academic calendar, earliest first. Reports' TERM period follows it (half-years while it is empty).",
  })
  academicTerms(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<AcademicTerm[]> {
    return services.institutions.terms.list(viewer);
  }

  @Access("ADMIN")
  @Mutation(() => [AcademicTerm], {
    description: "Replace the academic calendar (admins). Recorded in the audit log as institution.terms_changed.",
  })
  setAcademicTerms(
    @Arg("input") input: SetAcademicTermsInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AcademicTerm[]> {
    return services.institutions.terms.replace(viewer, input.terms);
  }
}
