import { setTimeout as sleep } from "node:timers/promises";
import { personActor, recordAudit } from "../audit";
import { IsNull, Raw, type EntityManager } from "typeorm";
import { isUuid } from "../../shared/cursor-pagination";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { ROLES, type Role, type Viewer } from "../../auth/viewer";
import { AppError, forbidden } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import {
  invalidCredentials,
  invitationInvalid,
  membershipDeactivated,
  notAMember,
  sessionRevoked,
  ssoRequired,
  tooManyAttempts,
} from "./accounts.errors";
import type { AcceptInvitationInput, InviteMemberInput, SignInInput, UpdateMyPreferencesInput } from "./accounts.inputs";
import { canInvite } from "./accounts.policy";
import type { AuthPayload, Me, MembershipSummary } from "./accounts.types";
import { Identity } from "./identity.entity";
import { Invitation } from "./invitation.entity";
import { enforcementsFor, pickInstitution } from "./enforcement";
import { recordSignInEvent, type SignInMethod } from "./sign-in-log";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "./passwords";
import { Session } from "./session.entity";
import { emailLocale, invitationEmail, renderEmail } from "../notifications";
import { randomToken, sha256, signAccessToken, verifyAccessToken } from "./tokens";

/** Failed sign-ins per email in the window before we refuse; after a few, each attempt is slowed. */
const THROTTLE_WINDOW_MINUTES = 15;
const MAX_FAILURES = 10;
const SLOW_AFTER = 3;
const INVITATION_DAYS = 14;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export class AccountsService {
  constructor(private readonly deps: ServiceDeps) {}

  private asPerson<T>(identityId: string | null, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return tenantTransaction(this.deps.dataSource, { institutionId: null, identityId }, fn);
  }

  /** Turns a bearer token into a viewer, or null when it is missing, invalid, expired or signed out. */
  async viewerFromToken(token: string | null | undefined): Promise<Viewer | null> {
    if (!token) return null;
    const claims = await verifyAccessToken(this.deps.config.jwtSecret, token);
    if (!claims) return null;
    // One statement (viewer_is_active, migration 1795305602510-ViewerCheck): the session is live, and none of the
    // memberships the token names was deactivated since it was issued (deactivation revokes the sessions too; this also
    // covers a sign-in that raced with it).
    const [row]: Array<{ ok: boolean }> = await this.deps.dataSource.query(`SELECT viewer_is_active($1, $2, $3::uuid[]) AS ok`, [
      claims.sessionId,
      claims.identityId,
      Object.values(claims.memberships).filter((id) => typeof id === "string" && isUuid(id)),
    ]);
    if (!row?.ok) return null;
    return { ...claims };
  }

  /**
   * Asked on every signed-in request, so it is one statement outside any transaction (not four): sessions belong to
   * no institution and have no row-level policy, and this primary-key probe reads nothing but the session's own row.
   */
  async isSessionActive(sessionId: string): Promise<boolean> {
    const rows: unknown[] = await this.deps.dataSource.query(
      `SELECT 1 FROM sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [sessionId],
    );
    return rows.length > 0;
  }

  async signIn(input: SignInInput): Promise<AuthPayload> {
    const email = normalizeEmail(input.email);
    const failures = await this.recentFailures(email);
    if (failures >= MAX_FAILURES) throw tooManyAttempts(THROTTLE_WINDOW_MINUTES * 60);
    if (failures >= SLOW_AFTER) await sleep(Math.min(250 * 2 ** (failures - SLOW_AFTER), 4000));

    const identity = await this.asPerson(null, (m) => m.getRepository(Identity).findOneBy({ email }));
    const ok = identity?.passwordHash
      ? await verifyPassword(identity.passwordHash, input.password)
      : await verifyAgainstDecoy(input.password);
    await this.recordAttempt(email, ok);
    if (!identity || !ok) throw invalidCredentials();
    return this.startSession(identity, input.institutionId ?? null, null, "PASSWORD");
  }

  /**
   * A session for a person another module has authenticated: campus sign-in (ssoInstitutionId: the institution whose
   * provider vouched for them), a sign-in link or a password reset (null).
   */
  async startSessionFor(
    identityId: string,
    institutionId: string | null,
    ssoInstitutionId: string | null,
    method: SignInMethod = "OIDC",
  ): Promise<AuthPayload> {
    const identity = await this.asPerson(identityId, (m) => m.getRepository(Identity).findOneByOrFail({ id: identityId }));
    return this.startSession(identity, institutionId, ssoInstitutionId, method);
  }

  async refreshSession(refreshToken: string, institutionId: string | null): Promise<AuthPayload> {
    const hash = sha256(refreshToken);
    const next = randomToken();
    const session = await this.asPerson(null, async (m) => {
      const rows = await sqlRows<Pick<Session, "id" | "identityId"> & { ssoInstitutionId: string | null }>(
        m,
        `UPDATE sessions SET refresh_token_hash = $2, last_used_at = now()
          WHERE refresh_token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          RETURNING id, identity_id AS "identityId", sso_institution_id AS "ssoInstitutionId"`,
        [hash, sha256(next)],
      );
      return rows[0] ?? null;
    });
    if (!session) throw sessionRevoked();
    const identity = await this.asPerson(session.identityId, (m) => m.getRepository(Identity).findOneByOrFail({ id: session.identityId }));
    return this.issue(identity, session.id, next, institutionId, session.ssoInstitutionId);
  }

  async signOut(viewer: Viewer): Promise<boolean> {
    await this.asPerson(viewer.identityId, (m) =>
      m.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [viewer.sessionId]),
    );
    return true;
  }

  /** A new access token for the same session, acting in another of the viewer's institutions. */
  async switchInstitution(viewer: Viewer, institutionId: string): Promise<AuthPayload> {
    const identity = await this.asPerson(viewer.identityId, (m) => m.getRepository(Identity).findOneByOrFail({ id: viewer.identityId }));
    const refreshToken = randomToken();
    const [session] = await this.asPerson(viewer.identityId, (m) =>
      sqlRows<{ ssoInstitutionId: string | null }>(
        m,
        `UPDATE sessions SET refresh_token_hash = $2, last_used_at = now() WHERE id = $1 RETURNING sso_institution_id AS "ssoInstitutionId"`,
        [viewer.sessionId, sha256(refreshToken)],
      ),
    );
    return this.issue(identity, viewer.sessionId, refreshToken, institutionId, session?.ssoInstitutionId ?? null);
  }

  async me(viewer: Viewer): Promise<Me> {
    return this.asPerson(viewer.identityId, async (m) => {
      const identity = await m.getRepository(Identity).findOneByOrFail({ id: viewer.identityId });
      return {
        identity,
        institutionId: viewer.institutionId,
        roles: viewer.roles,
        memberships: await this.membershipsOf(m, viewer.identityId),
      };
    });
  }

  async updateMyPreferences(viewer: Viewer, input: UpdateMyPreferencesInput): Promise<Me> {
    if (input.locale !== undefined) {
      await this.asPerson(viewer.identityId, (m) =>
        m.getRepository(Identity).update({ id: viewer.identityId }, { locale: input.locale ?? null }),
      );
    }
    return this.me(viewer);
  }

  async invite(viewer: Viewer, input: InviteMemberInput): Promise<Invitation> {
    if (!canInvite(viewer, input.role)) throw forbidden();
    const email = normalizeEmail(input.email);
    const secret = randomToken();
    const token = `${viewer.institutionId}.${secret}`;
    const invitation = await tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const existing: unknown[] = await m.query(
        `SELECT 1 FROM memberships ms JOIN identities i ON i.id = ms.identity_id
          WHERE ms.institution_id = $1 AND ms.role = $2 AND i.email = $3`,
        [viewer.institutionId, input.role, email],
      );
      if (existing.length > 0) throw new AppError("ALREADY_MEMBER", "That person already has this role here.");
      const saved = await m.getRepository(Invitation).save(
        m.getRepository(Invitation).create({
          institutionId: viewer.institutionId,
          email,
          role: input.role,
          tokenHash: sha256(secret),
          invitedById: viewer.memberships.ADMIN ?? viewer.memberships.ADVISOR ?? null,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 86400_000),
        }),
      );
      await recordAudit(m, {
        institutionId: viewer.institutionId,
        actor: personActor(viewer, ["ADMIN", "ADVISOR"]),
        action: "membership.invited",
        target: { type: "invitation", id: saved.id },
        after: { email, role: input.role },
      });
      return saved;
    });
    const { name: institutionName, timeZone, locale } = await this.institutionFacts(viewer.institutionId);
    const link = `${this.deps.config.publicUrl}/invitations/accept?token=${encodeURIComponent(token)}`;
    // The invitee has chosen no language yet: the institution's default (ADR 0033), the date in its time zone.
    const rendered = await renderEmail(
      invitationEmail({ institutionName, role: input.role, link, expiresAt: invitation.expiresAt, timeZone, locale: emailLocale(locale) }),
    );
    await this.deps.mailer.send({ to: email, ...rendered });
    return invitation;
  }

  async invitations(viewer: Viewer): Promise<Invitation[]> {
    if (!canInvite(viewer, "STUDENT")) throw forbidden();
    return tenantTransaction(this.deps.dataSource, viewer, (m) =>
      m.getRepository(Invitation).find({ where: { acceptedAt: IsNull(), revokedAt: IsNull() }, order: { createdAt: "DESC" }, take: 200 }),
    );
  }

  async revokeInvitation(viewer: Viewer, id: string): Promise<boolean> {
    if (!canInvite(viewer, "STUDENT")) throw forbidden();
    const rows = await tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const revoked = await sqlRows<{ id: string; email: string; role: string }>(
        m,
        `UPDATE invitations SET revoked_at = now() WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id, email, role`,
        [id],
      );
      if (revoked[0])
        await recordAudit(m, {
          institutionId: viewer.institutionId,
          actor: personActor(viewer, ["ADMIN", "ADVISOR"]),
          action: "membership.invitation_revoked",
          target: { type: "invitation", id },
          before: { email: revoked[0].email, role: revoked[0].role },
        });
      return revoked;
    });
    if (rows.length === 0) throw new AppError("NOT_FOUND", "No pending invitation with that id.");
    return true;
  }

  /** Sets the password (or checks it, for a person who already has an account) and joins the institution. */
  async acceptInvitation(input: AcceptInvitationInput): Promise<AuthPayload> {
    const [institutionId, secret] = input.token.split(".", 2);
    if (!institutionId || !secret || !/^[0-9a-f-]{36}$/.test(institutionId)) throw invitationInvalid();
    const { identity } = await tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      const invitations = m.getRepository(Invitation);
      const invitation = await invitations.findOne({
        where: { tokenHash: sha256(secret), acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: Raw((at) => `${at} > now()`) },
        lock: { mode: "pessimistic_write" },
      });
      if (!invitation) throw invitationInvalid();
      const identities = m.getRepository(Identity);
      let person = await identities.findOneBy({ email: invitation.email });
      if (person?.passwordHash) {
        if (!(await verifyPassword(person.passwordHash, input.password))) throw invalidCredentials();
      } else if (person) {
        person.passwordHash = await hashPassword(input.password);
        person.displayName = input.displayName.trim();
        await identities.save(person);
      } else {
        person = await identities.save(
          identities.create({
            email: invitation.email,
            displayName: input.displayName.trim(),
            passwordHash: await hashPassword(input.password),
          }),
        );
      }
      const joined = await sqlRows<{ id: string }>(
        m,
        `INSERT INTO memberships (institution_id, identity_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
        [institutionId, person.id, invitation.role],
      );
      if (joined[0])
        await recordAudit(m, {
          institutionId,
          actor: { kind: "PERSON", identityId: person.id, membershipId: joined[0].id },
          action: "membership.joined",
          target: { type: "membership", id: joined[0].id },
          subjectMembershipId: joined[0].id,
          after: { role: invitation.role, invitationId: invitation.id },
        });
      invitation.acceptedAt = new Date();
      await invitations.save(invitation);
      return { identity: person };
    });
    return this.startSession(identity, institutionId, null, "PASSWORD");
  }

  private async startSession(
    identity: Identity,
    institutionId: string | null,
    ssoInstitutionId: string | null,
    method: SignInMethod,
  ): Promise<AuthPayload> {
    // Checked before the session row exists, so a refused sign-in leaves no session behind.
    const target = await this.targetInstitution(identity, institutionId, ssoInstitutionId, method);
    const refreshToken = randomToken();
    const expires = new Date(Date.now() + this.deps.config.refreshTokenTtlDays * 86400_000);
    const session = await this.asPerson(identity.id, (m) =>
      m.getRepository(Session).save(
        m.getRepository(Session).create({
          identityId: identity.id,
          refreshTokenHash: sha256(refreshToken),
          expiresAt: expires,
          ssoInstitutionId,
        }),
      ),
    );
    if (method !== "OIDC" && method !== "SAML") {
      await tenantTransaction(this.deps.dataSource, { institutionId: target }, (m) =>
        recordSignInEvent(m, { institutionId: target, method, outcome: "SUCCEEDED", identityId: identity.id }),
      );
    }
    return this.issue(identity, session.id, refreshToken, target, ssoInstitutionId);
  }

  /**
   * The institution to act in: the one asked for or the first membership's, skipping (or, when asked for, refusing
   * with SSO_REQUIRED) an institution that requires its campus sign-in for the person's role, unless this session
   * came from that institution's own identity provider.
   */
  private async targetInstitution(
    identity: Identity,
    institutionId: string | null,
    ssoInstitutionId: string | null,
    method?: SignInMethod,
  ) {
    const { memberships, enforcements } = await this.asPerson(identity.id, async (m) => ({
      memberships: await this.membershipsOf(m, identity.id),
      enforcements: await enforcementsFor(m),
    }));
    if (memberships.length === 0) {
      if (await this.asPerson(identity.id, (m) => this.hasDeactivatedMembership(m, identity.id))) throw membershipDeactivated();
      throw new AppError("NO_MEMBERSHIP", "Your account is not a member of any institution yet.");
    }
    const picked = pickInstitution(memberships, enforcements, institutionId, ssoInstitutionId);
    if (!picked) throw notAMember();
    if ("refusedBy" in picked) {
      const rule = picked.refusedBy;
      if (method) {
        await tenantTransaction(this.deps.dataSource, { institutionId: rule.institutionId }, (m) =>
          recordSignInEvent(m, {
            institutionId: rule.institutionId,
            method,
            outcome: "FAILED",
            identityId: identity.id,
            reason: "SSO_REQUIRED",
          }),
        );
      }
      throw ssoRequired(rule);
    }
    return picked.institutionId;
  }

  private async issue(
    identity: Identity,
    sessionId: string,
    refreshToken: string,
    institutionId: string | null,
    ssoInstitutionId: string | null,
  ): Promise<AuthPayload> {
    const target = await this.targetInstitution(identity, institutionId, ssoInstitutionId);
    const memberships = await this.asPerson(identity.id, (m) => this.membershipsOf(m, identity.id));
    const here = memberships.filter((ms) => ms.institutionId === target);
    if (here.length === 0) throw notAMember();
    const roleMap: Partial<Record<Role, string>> = {};
    for (const ms of here) roleMap[ms.role] = ms.id;
    const ttl = this.deps.config.accessTokenTtlSeconds;
    const accessToken = await signAccessToken(this.deps.config.jwtSecret, ttl, {
      identityId: identity.id,
      sessionId,
      institutionId: target,
      memberships: roleMap,
      roles: [],
    });
    return {
      accessToken,
      accessTokenExpiresAt: new Date(Date.now() + ttl * 1000),
      refreshToken,
      me: { identity, institutionId: target, roles: ROLES.filter((r) => roleMap[r]), memberships },
    };
  }

  private async membershipsOf(m: EntityManager, identityId: string): Promise<MembershipSummary[]> {
    return m.query(
      `SELECT ms.id, ms.role, ms.institution_id AS "institutionId", i.name AS "institutionName", i.slug AS "institutionSlug"
         FROM memberships ms JOIN institutions i ON i.id = ms.institution_id
        WHERE ms.identity_id = $1 AND ms.deactivated_at IS NULL
        ORDER BY ms.created_at, i.name, ms.role`,
      [identityId],
    );
  }

  private async hasDeactivatedMembership(m: EntityManager, identityId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM memberships WHERE identity_id = $1 AND deactivated_at IS NOT NULL LIMIT 1`, [
      identityId,
    ]);
    return rows.length > 0;
  }

  private async institutionFacts(institutionId: string): Promise<{ name: string; timeZone: string; locale: string | null }> {
    const rows: Array<{ name: string; timeZone: string; locale: string | null }> = await tenantTransaction(
      this.deps.dataSource,
      { institutionId },
      (m) => m.query(`SELECT name, time_zone AS "timeZone", default_locale AS locale FROM institutions WHERE id = $1`, [institutionId]),
    );
    return rows[0] ?? { name: "Your career center", timeZone: "UTC", locale: null };
  }

  private async recentFailures(email: string): Promise<number> {
    const rows: Array<{ failures: number }> = await this.asPerson(null, (m) =>
      m.query(
        `SELECT count(*)::int AS failures FROM sign_in_attempts
          WHERE email = $1 AND NOT succeeded AND created_at > now() - make_interval(mins => $2)
            AND created_at > coalesce((SELECT max(created_at) FROM sign_in_attempts WHERE email = $1 AND succeeded), '-infinity')`,
        [email, THROTTLE_WINDOW_MINUTES],
      ),
    );
    return rows[0]?.failures ?? 0;
  }

  private async recordAttempt(email: string, succeeded: boolean): Promise<void> {
    await this.asPerson(null, (m) => m.query(`INSERT INTO sign_in_attempts (email, succeeded) VALUES ($1, $2)`, [email, succeeded]));
  }
}
