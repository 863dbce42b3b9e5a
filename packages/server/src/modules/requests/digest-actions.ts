import { Field, ID, ObjectType } from "type-graphql";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import type { ServiceDeps } from "../../service-deps";
import { isUuid } from "../../shared/cursor-pagination";
import { LinkSigner, tokenHash, type LinkClaims } from "../notifications";
import { linkExpired, linkInvalid, linkUsed } from "./meeting-checks";
import type { RequestLifecycleService } from "./request-lifecycle.service";

export const DIGEST_ACTION_PURPOSE = "digest-action";
/** A digest's links work for two weeks (a weekly digest's successor carries fresh ones). */
export const DIGEST_LINK_DAYS = 14;

export interface DigestActionClaims extends LinkClaims {
  /** Request id. */
  r: string;
  /** The alum's membership id. */
  m: string;
  /** ACCEPT or DECLINE. */
  a: string;
  /** The proposed time accepted ("" for DECLINE). */
  t: string;
}

export const digestActionSigner = (secret: Uint8Array) => new LinkSigner(secret, DIGEST_ACTION_PURPOSE);

/** The link a digest email carries for one action on one request. */
export function digestActionUrl(
  signer: LinkSigner,
  publicUrl: string,
  c: { institutionId: string; requestId: string; membershipId: string; action: "ACCEPT" | "DECLINE"; proposedTimeId?: string },
  now: Date = new Date(),
): string {
  const token = signer.sign({
    i: c.institutionId,
    r: c.requestId,
    m: c.membershipId,
    a: c.action,
    t: c.proposedTimeId ?? "",
    e: Math.floor(now.getTime() / 1000) + DIGEST_LINK_DAYS * 86_400,
  });
  return `${publicUrl}/digest/${token}`;
}

@ObjectType({ description: "What a digest email's link does: accept one proposed time of a request, or decline it." })
export class DigestAction {
  @Field({ description: "ACCEPT or DECLINE." })
  action: string;
  @Field(() => ID)
  requestId: string;
  @Field()
  studentName: string;
  @Field(() => Date, { nullable: true, description: "The time accepted (ACCEPT)." })
  startsAt: Date | null;
  @Field({ description: "The request's state now; the action is possible only while it is REQUESTED." })
  state: string;
  @Field({ description: "The alum's time zone, for showing the time." })
  timeZone: string;
  @Field({ description: "True once this link's action was done (the answer to confirmDigestAction)." })
  done: boolean;
}

/**
 * Accepting or declining from a digest email (ADR 0024): the signed single-use link opens a confirmation page, signed in
 * for that one action only — the link stands in for the alum's sign-in for this request and this action, nothing else.
 * The action itself is the app's own (RequestLifecycleService), with its rules; the link is used once it succeeded.
 */
export class DigestActionsService {
  readonly signer: LinkSigner;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly lifecycle: Pick<RequestLifecycleService, "accept" | "decline">,
  ) {
    this.signer = digestActionSigner(deps.config.secretsKey);
  }

  async describe(token: string): Promise<DigestAction> {
    const c = this.claims(token);
    return tenantTransaction(this.deps.dataSource, { institutionId: c.i }, async (m) => {
      const used = await sqlRows(m, `SELECT 1 FROM signed_link_uses WHERE institution_id = $1 AND token_hash = $2`, [
        c.i,
        tokenHash(token),
      ]);
      if (used.length > 0) throw linkUsed();
      return this.view(m, c, false);
    });
  }

  /** `details`: what accepting may need that the link cannot carry (a video link to paste, a phone number, a place). */
  async confirm(
    token: string,
    details: { meetingLink?: string | null; meetingPhone?: string | null; meetingLocation?: string | null } = {},
  ): Promise<DigestAction> {
    const c = this.claims(token);
    const viewer = await tenantTransaction(this.deps.dataSource, { institutionId: c.i }, async (m): Promise<Viewer> => {
      const taken = await sqlRows(
        m,
        `INSERT INTO signed_link_uses (institution_id, token_hash, purpose) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
        [c.i, tokenHash(token), DIGEST_ACTION_PURPOSE],
      );
      if (taken.length === 0) throw linkUsed();
      const [member] = await sqlRows<{ identity_id: string }>(
        m,
        `SELECT identity_id FROM memberships WHERE institution_id = $1 AND id = $2 AND role = 'ALUMNUS'`,
        [c.i, c.m],
      );
      if (!member) throw linkInvalid();
      // Signed in for this action only: a viewer that holds nothing but this alum's membership, used for one call.
      return {
        identityId: member.identity_id,
        institutionId: c.i,
        sessionId: `digest-link:${tokenHash(token).slice(0, 16)}`,
        roles: ["ALUMNUS"],
        memberships: { ALUMNUS: c.m },
      };
    });
    try {
      if (c.a === "ACCEPT") await this.lifecycle.accept(viewer, { ...details, requestId: c.r, proposedTimeId: c.t });
      else await this.lifecycle.decline(viewer, { requestId: c.r });
    } catch (error) {
      // Not done: the link stays usable (the request's own rules refuse it again if it can no longer be done).
      await tenantTransaction(this.deps.dataSource, { institutionId: c.i }, (m) =>
        m.query(`DELETE FROM signed_link_uses WHERE institution_id = $1 AND token_hash = $2`, [c.i, tokenHash(token)]),
      );
      throw error;
    }
    return tenantTransaction(this.deps.dataSource, { institutionId: c.i }, (m) => this.view(m, c, true));
  }

  private async view(m: Parameters<typeof sqlRows>[0], c: DigestActionClaims, done: boolean): Promise<DigestAction> {
    const [row] = await sqlRows<{ state: string; student_name: string; alumnus_id: string; starts_at: Date | null; time_zone: string }>(
      m,
      `SELECT r.state, r.alumnus_id, r.alumnus_time_zone AS time_zone, i.display_name AS student_name,
              (SELECT p.starts_at FROM proposed_times p WHERE p.institution_id = r.institution_id AND p.request_id = r.id AND p.id::text = $2) AS starts_at
         FROM interview_requests r JOIN memberships sm ON sm.institution_id = r.institution_id AND sm.id = r.student_id
         JOIN identities i ON i.id = sm.identity_id
        WHERE r.id = $1`,
      [c.r, c.t],
    );
    if (!row || row.alumnus_id !== c.m) throw linkInvalid();
    return {
      action: c.a,
      requestId: c.r,
      studentName: row.student_name,
      startsAt: row.starts_at,
      state: row.state,
      timeZone: row.time_zone,
      done,
    };
  }

  private claims(token: string): DigestActionClaims {
    const check = this.signer.verify<DigestActionClaims>(token, new Date());
    if (!check.ok) throw check.problem === "EXPIRED" ? linkExpired() : linkInvalid();
    const c = check.claims;
    const okAction = (c.a === "ACCEPT" && isUuid(c.t)) || (c.a === "DECLINE" && c.t === "");
    if (!isUuid(c.i) || !isUuid(c.r) || !isUuid(c.m) || !okAction) throw linkInvalid();
    return c;
  }
}
