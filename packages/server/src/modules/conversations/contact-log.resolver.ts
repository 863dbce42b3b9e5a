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
  @Access("STUDENT", "ALUMNUS")
  @Query(() => ContactLogConnection, {
    description:
      "The student's record of every contact, newest first: each interview request (alum, dates, state, advice, names suggested, thank-you and follow-ups) and each contact logged by hand. An alum whose student membership here was deactivated (after graduating) reads their own; other alumni FORBIDDEN.",
  })
  async contactLog(@Args() args: PageArgs, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<ContactLogConnection> {
    const log = services.conversations.contactLog;
    return log.contactLog(await log.historyViewer(viewer), args);
  }

  @Access("STUDENT", "ALUMNUS")
  @Query(() => String, {
    description:
      "The whole contact log as CSV (RFC 4180, CRLF line ends, a header row). Cells starting with = + - @ (or a tab or carriage return) get a leading ' so spreadsheets do not run them. A former student (an alum now) reads their own, as contactLog.",
  })
  async contactLogCsv(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<string> {
    const log = services.conversations.contactLog;
    return log.contactLogCsv(await log.historyViewer(viewer));
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
  async myDataExport(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<string> {
    // A former student's sections come with their alum ones (ADR 0032).
    return services.conversations.dataExport.myDataExport(await services.conversations.contactLog.historyViewer(viewer));
  }
}
