import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context, Viewer } from "../../graphql/context";
import { CareerField } from "./career-field.entity";
import { Industry } from "./industry.entity";
import { Institution } from "./institution.entity";
import { UpdateInstitutionSettingsInput } from "./institutions.inputs";

@Resolver()
export class InstitutionsResolver {
  @Access("SIGNED_IN")
  @Query(() => Institution, { description: "The institution the viewer is acting in, with its settings." })
  institution(@Ctx() { services, viewer }: Context): Promise<Institution> {
    return services.institutions.current(viewer as Viewer);
  }

  @Access("ADMIN")
  @Mutation(() => Institution, {
    description: "Change the current institution's name, time zone and program settings. Admins only; omitted fields are left unchanged.",
  })
  updateInstitutionSettings(
    @Arg("input") input: UpdateInstitutionSettingsInput,
    @Ctx() { services, viewer }: Context,
  ): Promise<Institution> {
    return services.institutions.updateSettings(viewer as Viewer, input);
  }

  @Access("SIGNED_IN")
  @Query(() => [CareerField], { description: "Every career field, by name. The same list for every institution." })
  careerFields(@Ctx() { services, viewer }: Context): Promise<CareerField[]> {
    return services.institutions.careerFields(viewer as Viewer);
  }

  @Access("SIGNED_IN")
  @Query(() => [Industry], { description: "Every industry, by name. The same list for every institution." })
  industries(@Ctx() { services, viewer }: Context): Promise<Industry[]> {
    return services.institutions.industries(viewer as Viewer);
  }
}
