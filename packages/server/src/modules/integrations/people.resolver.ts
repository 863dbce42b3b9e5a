import { GraduationCandidate, GraduationResult } from "./graduation.types";
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import { Access } from "../../graphql/access";
import { IDEMPOTENCY_KEY_DESCRIPTION } from "../../graphql/idempotency-key";
import type { Context } from "../../graphql/context";
import { importTopic, type ImportProgressEvent } from "../notifications";
import {
  AlumnusUpsertInput,
  ImportProgress,
  PeopleImportResult,
  PeopleSelectionInput,
  PeopleStatusResult,
  PersonKind,
  StudentUpsertInput,
  UpsertResult,
} from "./people.types";
import { actorOf, auditActor } from "./principal";

@Resolver()
export class PeopleResolver {
  @Access("ADMIN", { scopes: ["people:write"] })
  @Mutation(() => UpsertResult, {
    description:
      "Create or update up to 50,000 students keyed by `externalId`. Each row is validated on its own; a bad row is skipped whole and reported in `errors`, the others are written together. Sending the same rows again changes nothing. API keys need people:write.",
  })
  upsertStudents(
    @Arg("rows", () => [StudentUpsertInput], { validate: false }) rows: StudentUpsertInput[],
    @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<UpsertResult> {
    const actor = actorOf(context);
    return context.services.integrations.bulkKeys.once(actor, "upsertStudents", idempotencyKey, rows, () =>
      context.services.integrations.people.upsert(actor.institutionId, "STUDENT", rows, undefined, { audit: { actor: auditActor(actor) } }),
    );
  }

  @Access("ADMIN", { scopes: ["people:write"] })
  @Mutation(() => UpsertResult, {
    description: "Create or update up to 50,000 alumni keyed by `externalId`, like upsertStudents. API keys need people:write.",
  })
  upsertAlumni(
    @Arg("rows", () => [AlumnusUpsertInput], { validate: false }) rows: AlumnusUpsertInput[],
    @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<UpsertResult> {
    const actor = actorOf(context);
    return context.services.integrations.bulkKeys.once(actor, "upsertAlumni", idempotencyKey, rows, () =>
      context.services.integrations.people.upsert(actor.institutionId, "ALUMNUS", rows, undefined, { audit: { actor: auditActor(actor) } }),
    );
  }

  @Access("ADMIN", { scopes: ["people:write"] })
  @Mutation(() => PeopleStatusResult, {
    description:
      "Deactivate students or alumni (up to 50,000), by external id or membership id. A deactivated person cannot sign in (their sessions end at once), leaves the directory and matching, and their open requests are closed with the other side told; the people feed shows them with active = false. Nothing is erased. Unknown ids are reported in `errors`; people already deactivated count as unchanged. API keys need people:write.",
  })
  deactivatePeople(
    @Arg("input", () => PeopleSelectionInput, { validate: false }) input: PeopleSelectionInput,
    @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<PeopleStatusResult> {
    const actor = actorOf(context);
    return context.services.integrations.bulkKeys.once(actor, "deactivatePeople", idempotencyKey, input, () =>
      context.services.integrations.status.deactivate(actor.institutionId, input, auditActor(actor)),
    );
  }

  @Access("ADMIN", { scopes: ["people:read"] })
  @Query(() => [GraduationCandidate], {
    description:
      "The live students of one class year, by name (at most 5,000), with whether each is an alum already and holds a verified personal email: the admins' Graduate page lists them before graduateStudents. API keys need people:read.",
  })
  graduationCandidates(@Arg("classYear", () => Int) classYear: number, @Ctx() context: Context): Promise<GraduationCandidate[]> {
    return context.services.integrations.graduation.candidates(actorOf(context).institutionId, classYear);
  }

  @Access("ADMIN", { scopes: ["people:write"] })
  @Mutation(() => GraduationResult, {
    description:
      "Graduate students (up to 5,000 membership ids): the same person also becomes an alum of the institution, with a profile prefilled from the student profile (major, class year, career fields, first place), listed nowhere until they consent as an alum. The student membership is kept, so their contact log, notes, referrals and export stay theirs. Each new alum is emailed an invitation to volunteer (graduation.volunteer_invitation). Recorded in the audit log (student.graduated). API keys need people:write.",
  })
  graduateStudents(
    @Arg("studentMembershipIds", () => [ID]) studentMembershipIds: string[],
    @Ctx() context: Context,
  ): Promise<GraduationResult> {
    const actor = actorOf(context);
    return context.services.integrations.graduation.graduate(actor.institutionId, studentMembershipIds, auditActor(actor));
  }

  @Access("ADMIN", { scopes: ["people:write"] })
  @Mutation(() => PeopleStatusResult, {
    description:
      "Undo deactivatePeople: the people may sign in again and return to the directory and matching as their consents allow. Closed requests stay closed. Upserting a deactivated person does not reactivate them. API keys need people:write.",
  })
  reactivatePeople(
    @Arg("input", () => PeopleSelectionInput, { validate: false }) input: PeopleSelectionInput,
    @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<PeopleStatusResult> {
    const actor = actorOf(context);
    return context.services.integrations.bulkKeys.once(actor, "reactivatePeople", idempotencyKey, input, () =>
      context.services.integrations.status.reactivate(actor.institutionId, input, auditActor(actor)),
    );
  }

  @Access("ADMIN", { scopes: ["people:write"] })
  @Mutation(() => PeopleImportResult, {
    description:
      "Import students or alumni from CSV (header: externalId, email, displayName, classYear, major; alumni also employer, title). Same rules as the upserts; written in chunks. Subscribe to importProgress with your own `importId` first to watch it. CSV_INVALID when the file cannot be read. API keys need people:write.",
  })
  importPeopleCsv(
    @Arg("kind", () => PersonKind) kind: PersonKind,
    @Arg("csv") csv: string,
    @Arg("importId", () => ID, { nullable: true, description: "A UUID you choose, to follow progress; one is made up when omitted." })
    importId: string | null,
    @Arg("idempotencyKey", () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string | null,
    @Ctx() context: Context,
  ): Promise<PeopleImportResult> {
    const actor = actorOf(context);
    return context.services.integrations.bulkKeys.once(actor, "importPeopleCsv", idempotencyKey, { kind, csv, importId }, () =>
      context.services.integrations.imports.importCsv(actor.institutionId, kind, csv, importId ?? undefined, auditActor(actor)),
    );
  }

  @Access("ADMIN", { scopes: ["people:write"] })
  @Subscription(() => ImportProgress, {
    description: "Progress of a CSV import in this institution, after validation and after each chunk; the last event has done = true.",
    topics: ({ args, context }: { args: { importId: string }; context: Context }) =>
      importTopic(actorOf(context).institutionId, args.importId),
  })
  importProgress(@Arg("importId", () => ID) _importId: string, @Root() event: ImportProgressEvent): ImportProgress {
    return event;
  }
}
