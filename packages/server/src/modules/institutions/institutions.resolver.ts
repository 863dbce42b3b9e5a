import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { CareerField } from "./career-field.entity";
import { Industry } from "./industry.entity";
import { Institution } from "./institution.entity";
import { UpdateInstitutionSettingsInput } from "./institutions.inputs";
import { CurrentViewer } from "../../graphql/current-viewer";

@Resolver()
export class InstitutionsResolver {
  @Access("SIGNED_IN")
  @Query(() => Institution, { description: "The institution the viewer is acting in, with its settings." })
  institution(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<Institution> {
    return services.institutions.current(viewer);
  }

  @Access("ADMIN")
  @Mutation(() => Institution, {
    description: "Change the current institution's name, time zone and program settings. Admins only; omitted fields are left unchanged.",
  })
  updateInstitutionSettings(
    @Arg("input") input: UpdateInstitutionSettingsInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Institution> {
    return services.institutions.updateSettings(viewer, input);
  }

  @Access("SIGNED_IN")
  @Query(() => [CareerField], { description: "Every career field, by name. The same list for every institution." })
  careerFields(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<CareerField[]> {
    return services.institutions.careerFields(viewer);
  }

  @Access("SIGNED_IN")
  @Query(() => [Industry], { description: "Every industry, by name. The same list for every institution." })
  industries(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<Industry[]> {
    return services.institutions.industries(viewer);
  }
}
