import type { EntityManager } from "typeorm";
import type { ApiKeyPrincipal, Role, Viewer } from "../../auth/viewer";
import { currentRequestInfo } from "./request-info";

/** Who did it: a person (their identity and the membership they acted with), an API key, or the platform itself. */
export type AuditActor =
  { kind: "PERSON"; identityId: string; membershipId: string | null } | { kind: "API_KEY"; apiKeyId: string } | { kind: "SYSTEM" };

/**
 * Stable dotted names of what the audit log records (docs/privacy.md lists them). Integrations and exports read
 * these names, so a name is never changed once released; new actions get new names.
 */
export const AUDIT_ACTIONS = [
  "membership.invited",
  "membership.invitation_revoked",
  "membership.joined",
  "membership.deactivated",
  "membership.reactivated",
  "institution.settings_changed",
  "institution.terms_changed",
  "consent_text.published",
  "api_key.created",
  "api_key.rotated",
  "api_key.revoked",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
  "webhook.replayed",
  "identity_provider.added",
  "identity_provider.updated",
  "identity_provider.enabled",
  "identity_provider.disabled",
  "identity_provider.removed",
  "sso.enforcement_changed",
  "people.imported",
  "people.upserted",
  "student.timeline_viewed",
  "student.notes_viewed",
  "student.contact_log_viewed",
  "student.advisor_assigned",
  "audit_log.exported",
  "accommodation.set",
  "accommodation.viewed",
  "accommodation.arrangement_requested",
  "person.exported",
  "person.erasure_requested",
  "person.erasure_cancelled",
  "person.erased",
  "student.graduated",
  "institution.retention_changed",
  "retention.applied",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  institutionId: string;
  actor: AuditActor;
  action: AuditAction;
  /** What was acted on: a kind of thing (membership, api_key, institution…) and its id. */
  target: { type: string; id: string | null };
  /** The person the action is about (a student whose records were read, a member whose role changed), to filter by person. */
  subjectMembershipId?: string | null;
  /** For settings-like changes: the changed values before and after. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** The person acting, with the membership of the first of `prefer` they hold here (staff first by default). */
export function personActor(viewer: Viewer, prefer: Role[] = ["ADMIN", "ADVISOR", "ALUMNUS", "STUDENT"]): AuditActor {
  const role = prefer.find((r) => viewer.memberships[r]);
  return { kind: "PERSON", identityId: viewer.identityId, membershipId: role ? (viewer.memberships[role] ?? null) : null };
}

/** A person or an API key, from what the integrations' Actor carries. */
export function actorOf(caller: { viewer?: Viewer | null; apiKey?: Pick<ApiKeyPrincipal, "keyId"> | null }): AuditActor {
  if (caller.apiKey) return { kind: "API_KEY", apiKeyId: caller.apiKey.keyId };
  if (caller.viewer) return personActor(caller.viewer);
  return { kind: "SYSTEM" };
}

/** Only the keys whose values differ, from both sides: what a settings change did. */
export function changedValues(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
  );
  if (keys.length === 0) return null;
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])),
  };
}

/**
 * Adds rows to the audit log inside the caller's transaction, so an action and its record commit (or roll back)
 * together. The table is append-only (ADR 0019): nothing here or anywhere else can change a row afterwards.
 * The request id and address come from the request being served (request-info.ts), when there is one.
 */
export async function recordAudit(m: EntityManager, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const { requestId, ip } = currentRequestInfo();
  const params: unknown[] = [];
  const values = entries.map((e) => {
    const row = [
      e.institutionId,
      e.actor.kind,
      e.actor.kind === "PERSON" ? e.actor.identityId : null,
      e.actor.kind === "PERSON" ? e.actor.membershipId : null,
      e.actor.kind === "API_KEY" ? e.actor.apiKeyId : null,
      e.action,
      e.target.type,
      e.target.id,
      e.subjectMembershipId ?? null,
      e.before == null ? null : JSON.stringify(e.before),
      e.after == null ? null : JSON.stringify(e.after),
      requestId,
      ip,
    ];
    const start = params.length;
    params.push(...row);
    return `(${row.map((_, i) => `$${start + i + 1}`).join(", ")})`;
  });
  await m.query(
    `INSERT INTO audit_log (institution_id, actor_kind, actor_identity_id, actor_membership_id, actor_api_key_id, action,
                            target_type, target_id, subject_membership_id, before, after, request_id, ip)
     SELECT v.i::uuid, v.k, v.ai::uuid, v.am::uuid, v.ak::uuid, v.a, v.tt, v.ti, v.s::uuid, v.b::jsonb, v.af::jsonb, v.r, v.ip::inet
       FROM (VALUES ${values.join(", ")}) AS v(i, k, ai, am, ak, a, tt, ti, s, b, af, r, ip)`,
    params,
  );
}
