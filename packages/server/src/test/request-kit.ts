import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { tenantTransaction } from "../db/tenant-transaction";
import type { Role, Viewer } from "../auth/viewer";
import type { Services } from "../services";
import { buildAlumnus, buildConsent, buildStudent, type BuiltInstitution, type BuiltMember } from "./factories";
import { Modality } from "../modules/profiles/alumnus-profile.entity";
import type { InterviewRequest } from "../modules/requests/interview-request.entity";
import type { RequestInterviewInput } from "../modules/requests/requests.inputs";

/**
 * Shared set-up for tests about interview requests.
 * No jest globals: only factories and services.
 */

/** A viewer as the access token would describe the member, for calling services directly. */
export function viewerOf(...members: BuiltMember[]): Viewer {
  const roles = members.map((m) => m.role) as Role[];
  return {
    identityId: members[0].identityId,
    institutionId: members[0].institutionId,
    sessionId: randomUUID(),
    roles,
    memberships: Object.fromEntries(members.map((m) => [m.role, m.membershipId])),
  };
}

const DAY = 86_400_000;

/** A round start time `days` from now (UTC), on the hour. */
export function inDays(days: number, hourUtc = 15, minute = 0): Date {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hourUtc, minute, 0, 0);
  return d;
}

export interface AlumnusOptions {
  institution?: BuiltInstitution;
  capacity?: number;
  paused?: boolean;
  listed?: boolean;
  contact?: boolean;
  shareContact?: boolean;
  modalities?: Modality[];
  displayName?: string;
}

/** An alum who accepts requests (ALUMNUS_CONTACT) and is listed, with room for many meetings a month. */
export async function buildContactableAlumnus(ds: DataSource, o: AlumnusOptions = {}): Promise<BuiltMember> {
  const alum = await buildAlumnus(ds, { institution: o.institution, displayName: o.displayName });
  if (o.contact !== false) await buildConsent(ds, alum, "ALUMNUS_CONTACT");
  if (o.listed !== false) await buildConsent(ds, alum, "ALUMNUS_LISTED");
  if (o.shareContact) await buildConsent(ds, alum, "ALUMNUS_SHARE_CONTACT");
  await asInstitution(
    ds,
    alum.institutionId,
    `UPDATE alumni_profiles SET monthly_capacity = $2, paused = $3, modalities = $4 WHERE membership_id = $1`,
    [alum.membershipId, o.capacity ?? 50, o.paused ?? false, o.modalities ?? [Modality.VIDEO, Modality.PHONE, Modality.IN_PERSON]],
  );
  return alum;
}

/** A student who agreed to share their profile with the alumni they contact. */
export async function buildSharingStudent(ds: DataSource, institution?: BuiltInstitution, share = true): Promise<BuiltMember> {
  const student = await buildStudent(ds, { institution });
  if (share) await buildConsent(ds, student, "STUDENT_SHARE_WITH_ALUMNI");
  return student;
}

export const institutionOf = (member: BuiltMember): BuiltInstitution => ({ id: member.institutionId, slug: "", name: "" });

export function requestInput(alumnus: BuiltMember, overrides: Partial<RequestInterviewInput> = {}): RequestInterviewInput {
  return {
    alumnusId: alumnus.membershipId,
    message:
      "Hello! I am researching careers in data science and would love to learn how you got started. Would you have 20 minutes to talk?",
    modality: Modality.VIDEO,
    proposedTimes: [inDays(3), inDays(4)],
    questions: [],
    shareQuestions: false,
    ...overrides,
  };
}

export function sendRequest(
  services: Services,
  student: BuiltMember,
  alumnus: BuiltMember,
  overrides: Partial<RequestInterviewInput> = {},
): Promise<InterviewRequest> {
  return services.requests.requestInterview(viewerOf(student), requestInput(alumnus, overrides));
}

/** A request the alum accepted at its first proposed time, as a video call. */
export async function acceptedRequest(
  services: Services,
  student: BuiltMember,
  alumnus: BuiltMember,
  overrides: Partial<RequestInterviewInput> = {},
): Promise<InterviewRequest> {
  const sent = await sendRequest(services, student, alumnus, overrides);
  const [first] = await services.requestQueries.proposedTimes(viewerOf(alumnus), [sent.id]);
  return services.requestLifecycle.accept(viewerOf(alumnus), {
    requestId: sent.id,
    proposedTimeId: first[0].id,
    meetingLink: "https://meet.example/abc",
  });
}

/** Moves a booked meeting into the past, as if its time had come. */
export async function moveMeetingToPast(
  ds: DataSource,
  request: Pick<InterviewRequest, "id" | "institutionId">,
  hoursAgo = 2,
): Promise<void> {
  await asInstitution(
    ds,
    request.institutionId,
    `UPDATE interview_requests SET meeting_starts_at = now() - make_interval(hours => $2), meeting_ends_at = now() - make_interval(hours => $2) + interval '30 minutes' WHERE id = $1`,
    [request.id, hoursAgo],
  );
}

/** Runs one statement as the app role inside the institution, returning its rows. */
export function asInstitution<T = Record<string, any>>(
  ds: DataSource,
  institutionId: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return tenantTransaction(ds, { institutionId }, (m) => m.query(sql, params));
}

/**
 * Runs `fn` as the connecting role (the owner; on a server where it is not a superuser, FORCE ROW LEVEL SECURITY
 * applies to it too) with the tenant settings of one institution, and optionally of one identity: what tests use
 * to arrange or read rows the app role may not touch, on every server CI runs against.
 */
export function asOwnerIn<T>(
  ds: DataSource,
  scope: { institutionId: string; identityId?: string },
  fn: (m: EntityManager) => Promise<T>,
): Promise<T> {
  return ds.transaction(async (m) => {
    await m.query(`SELECT set_config('app.institution_id', $1, true), set_config('app.identity_id', $2, true)`, [
      scope.institutionId,
      scope.identityId ?? "",
    ]);
    return fn(m);
  });
}
