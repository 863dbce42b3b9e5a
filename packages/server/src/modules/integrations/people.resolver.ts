import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import { AlumnusUpsertInput, StudentUpsertInput, UpsertResult } from "./people.types";
import { actorOf } from "./principal";

@Resolver()
export class PeopleResolver {
  @Access("ADMIN", { scopes: ["people:write"] })
  @Mutation(() => UpsertResult, {
    description:
      "Create or update up to 50,000 students keyed by `externalId`. Each row is validated on its own; a bad row is skipped whole and reported in `errors`, the others are written together. Sending the same rows again changes nothing. API keys need people:write.",
  })
  upsertStudents(
    @Arg("rows", () => [StudentUpsertInput], { validate: false }) rows: StudentUpsertInput[],
    @Ctx() context: Context,
  ): Promise<UpsertResult> {
    return context.services.integrations.people.upsert(actorOf(context).institutionId, "STUDENT", rows);
  }

  @Access("ADMIN", { scopes: ["people:write"] })
  @Mutation(() => UpsertResult, {
    description: "Create or update up to 50,000 alumni keyed by `externalId`, like upsertStudents. API keys need people:write.",
  })
  upsertAlumni(
    @Arg("rows", () => [AlumnusUpsertInput], { validate: false }) rows: AlumnusUpsertInput[],
    @Ctx() context: Context,
  ): Promise<UpsertResult> {
    return context.services.integrations.people.upsert(actorOf(context).institutionId, "ALUMNUS", rows);
  }
}
