import { Args, Ctx, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import { actorOf } from "./principal";
import { DeletedRecordConnection, DeletionsArgs, PeopleArgs, PersonConnection, RequestRecordConnection, SyncPageArgs } from "./sync.types";

@Resolver()
export class SyncResolver {
  @Access("ADMIN", { scopes: ["people:read"] })
  @Query(() => PersonConnection, {
    description:
      "Students and alumni in change order, for incremental sync: keep the last `endCursor` and pass it as `after` next time to get only what changed since. API keys need people:read.",
  })
  people(@Args() args: PeopleArgs, @Ctx() context: Context): Promise<PersonConnection> {
    return context.services.integrations.sync.people(actorOf(context), args);
  }

  @Access("ADMIN", { scopes: ["requests:read"] })
  @Query(() => RequestRecordConnection, {
    description: "Interview requests in change order, for incremental sync (states and times only). API keys need requests:read.",
  })
  requests(@Args() args: SyncPageArgs, @Ctx() context: Context): Promise<RequestRecordConnection> {
    return context.services.integrations.sync.requests(actorOf(context), args);
  }

  @Access("ADMIN", { scopes: ["people:read", "requests:read"] })
  @Query(() => DeletedRecordConnection, {
    description:
      "People and requests that were deleted, oldest first, so a sync can remove them too. API keys need people:read or requests:read.",
  })
  deletions(@Args() args: DeletionsArgs, @Ctx() context: Context): Promise<DeletedRecordConnection> {
    return context.services.integrations.sync.deletions(actorOf(context), args);
  }
}
