import type { EntityManager } from "typeorm";

export type SignInMethod = "OIDC" | "SAML" | "PASSWORD" | "EMAIL_LINK" | "PASSWORD_RESET" | "CONFIGURATION";
export type SignInOutcome = "SUCCEEDED" | "FAILED" | "TESTED" | "CHANGED";

export interface SignInEventRecord {
  institutionId: string;
  method: SignInMethod;
  outcome: SignInOutcome;
  providerId?: string | null;
  identityId?: string | null;
  actorId?: string | null;
  reason?: string | null;
  detail?: string | null;
}

/**
 * The sign-in log: this module's own small table (sign_in_events), read by the institution's admins with the
 * signInLog query. A general audit log (issue 13) may later take these events over; until then this is the record.
 * Call inside a transaction scoped to the event's institution.
 */
export async function recordSignInEvent(m: EntityManager, event: SignInEventRecord): Promise<void> {
  await m.query(
    `INSERT INTO sign_in_events (institution_id, method, outcome, provider_id, identity_id, actor_id, reason, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, left($8, 2000))`,
    [
      event.institutionId,
      event.method,
      event.outcome,
      event.providerId ?? null,
      event.identityId ?? null,
      event.actorId ?? null,
      event.reason ?? null,
      event.detail ?? null,
    ],
  );
}
