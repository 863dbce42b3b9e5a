import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { PageArgs } from "../../shared/paging";
import { ContactLogEntry } from "./contact-log-entry.entity";
import { AddContactLogEntryInput } from "./conversations.inputs";
import { ContactLogConnection } from "./conversations.types";
import { CurrentViewer } from "../../graphql/current-viewer";

@Resolver()
export class ContactLogResolver {
  @Access("STUDENT")
  @Query(() => ContactLogConnection, {
    description:
      "The student's record of every contact, newest first: each interview request (alum, dates, state, advice, names suggested, thank-you and follow-ups) and each contact logged by hand.",
  })
  contactLog(@Args() args: PageArgs, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<ContactLogConnection> {
    return services.conversations.contactLog.contactLog(viewer, args);
  }

  @Access("STUDENT")
  @Query(() => String, {
    description:
      "The whole contact log as CSV (RFC 4180, CRLF line ends, a header row). Cells starting with = + - @ (or a tab or carriage return) get a leading ' so spreadsheets do not run them.",
  })
  contactLogCsv(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<string> {
    return services.conversations.contactLog.contactLogCsv(viewer);
  }

  @Access("STUDENT")
  @Mutation(() => ContactLogEntry, { description: "Log a contact made outside the platform (a job fair, a family friend)." })
  addContactLogEntry(
    @Arg("input") input: AddContactLogEntryInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<ContactLogEntry> {
    return services.conversations.contactLog.addContactLogEntry(viewer, input);
  }

  @Access("SIGNED_IN")
  @Query(() => String, {
    description:
      "Everything this institution holds about the signed-in person, whatever their roles, as one JSON document: memberships and consents; for a student the profile, requests, notes, referrals, follow-ups and contact log; for an alum (under alumnus) the profile, requests received, names suggested and availability; for staff (under staff) suggestions, caseload and invitations. myDataArchive has every institution as a zip.",
  })
  myDataExport(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<string> {
    return services.conversations.dataExport.myDataExport(viewer);
  }
}
