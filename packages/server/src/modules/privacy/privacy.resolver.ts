import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Viewer } from "../../auth/viewer";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import { CurrentViewer } from "../../graphql/current-viewer";
import { AccountErasure, DataArchive } from "./privacy.types";

@Resolver()
export class PrivacyResolver {
  @Access("SIGNED_IN")
  @Query(() => DataArchive, {
    description:
      "Everything the platform holds about the signed-in person (any role), across all their institutions, as one zip: identity.json, and per institution data.json and CSVs of its lists.",
  })
  myDataArchive(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<DataArchive> {
    return services.privacy.myArchive(viewer);
  }

  @Access("ADMIN")
  @Query(() => DataArchive, {
    description:
      "A data-subject export (admins): everything this institution holds about one of its people, as one zip. Recorded in the audit log (person.exported).",
  })
  personDataArchive(
    @Arg("membershipId", () => ID) membershipId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<DataArchive> {
    return services.privacy.personArchive(viewer, membershipId);
  }

  @Access("SIGNED_IN")
  @Query(() => AccountErasure, { description: "The signed-in person's pending request to delete their account, if any." })
  myAccountErasure(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<AccountErasure> {
    return services.privacy.myErasure(viewer);
  }

  @Access("SIGNED_IN")
  @Mutation(() => AccountErasure, {
    description:
      "Asks to delete the signed-in person's account everywhere. Each institution erases it after its grace period (default 14 days) unless cancelled; an email confirms.",
  })
  requestAccountErasure(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<AccountErasure> {
    return services.privacy.requestErasure(viewer);
  }

  @Access("SIGNED_IN")
  @Mutation(() => AccountErasure, { description: "Cancels the signed-in person's pending request to delete their account." })
  cancelAccountErasure(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<AccountErasure> {
    return services.privacy.cancelErasure(viewer);
  }

  @Access("ADMIN")
  @Mutation(() => Boolean, {
    description:
      "Erases a person of the admin's institution at once (every membership they hold there): identity, addresses, profiles, messages, notes and free texts are deleted or replaced; counts stay. Irreversible.",
  })
  erasePerson(
    @Arg("membershipId", () => ID) membershipId: string,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<boolean> {
    return services.privacy.eraseNow(viewer, membershipId);
  }
}
