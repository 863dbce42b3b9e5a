import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { AppError } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { normalizeEmail, type AccountsService } from "../accounts";
import type { AuthPayload } from "../accounts";
import { hashPassword } from "../accounts";
import { randomToken, sha256 } from "../accounts";
import { accountLinkEmail, emailLocale, renderEmail } from "../notifications";
import { emailNotVerified, emailTaken, emailTokenInvalid, tooManyEmails } from "./identity.errors";

type Purpose = "SIGN_IN_LINK" | "PASSWORD_RESET" | "VERIFY_EMAIL";

const LIFETIME_MINUTES: Record<Purpose, number> = { SIGN_IN_LINK: 15, PASSWORD_RESET: 30, VERIFY_EMAIL: 24 * 60 };
/** Emails of one kind to one address in the window: counted for every address asked for, known or not. */
const EMAILS_PER_WINDOW = 3;
const WINDOW_MINUTES = 15;

export interface PersonEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/** Sign-in without campus SSO: emailed sign-in links, forgotten passwords, and a person's verified addresses. */
export class EmailSignInService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly accounts: AccountsService,
  ) {}

  private global<T>(identityId: string | null, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return tenantTransaction(this.deps.dataSource, { institutionId: null, identityId }, fn);
  }

  /**
   * Sends a sign-in link (or a reset link) when the address belongs to someone; answers the same either way, and the
   * email goes out after the answer so the time taken says nothing either.
   */
  async requestEmail(rawEmail: string, purpose: "SIGN_IN_LINK" | "PASSWORD_RESET"): Promise<boolean> {
    const email = normalizeEmail(rawEmail);
    const identityId = await this.global(null, async (m) => {
      const [{ recent }] = await sqlRows<{ recent: number }>(
        m,
        `WITH added AS (INSERT INTO email_token_requests (email, purpose) VALUES ($1, $2) RETURNING 1)
         SELECT count(*)::int AS recent FROM email_token_requests
          WHERE email = $1 AND purpose = $2 AND created_at > now() - make_interval(mins => $3)`,
        [email, purpose, WINDOW_MINUTES],
      );
      if (recent >= EMAILS_PER_WINDOW) throw tooManyEmails(WINDOW_MINUTES * 60);
      return this.identityByEmail(m, email);
    });
    if (identityId) {
      const token = await this.issueToken(identityId, email, purpose);
      void this.sendLink(identityId, email, purpose, token).catch(() => undefined);
    }
    return true;
  }

  async signInWithLink(token: string): Promise<AuthPayload> {
    const used = await this.consume(token, "SIGN_IN_LINK");
    return this.accounts.startSessionFor(used.identityId, null, null, "EMAIL_LINK");
  }

  /** Sets a new password from a reset link and ends every session the person had (a thief's included). */
  async resetPassword(token: string, password: string): Promise<boolean> {
    const used = await this.consume(token, "PASSWORD_RESET");
    const passwordHash = await hashPassword(password);
    await this.global(used.identityId, async (m) => {
      await m.query(`UPDATE identities SET password_hash = $2, updated_at = now() WHERE id = $1`, [used.identityId, passwordHash]);
      await m.query(`UPDATE sessions SET revoked_at = now() WHERE identity_id = $1 AND revoked_at IS NULL`, [used.identityId]);
      // A reset also spends every other link sent before it.
      await m.query(`UPDATE email_tokens SET used_at = now() WHERE identity_id = $1 AND used_at IS NULL AND purpose <> 'VERIFY_EMAIL'`, [
        used.identityId,
      ]);
    });
    return true;
  }

  async emails(viewer: Viewer): Promise<PersonEmail[]> {
    return this.global(viewer.identityId, (m) =>
      sqlRows<PersonEmail>(
        m,
        `SELECT email, true AS primary, true AS verified FROM identities WHERE id = $1
         UNION ALL
         SELECT email, false, verified_at IS NOT NULL FROM identity_emails WHERE identity_id = $1
         ORDER BY 2 DESC, 1`,
        [viewer.identityId],
      ),
    );
  }

  /** Adds an address and sends it a verification link; it is used for nothing until verified. */
  async addEmail(viewer: Viewer, rawEmail: string): Promise<PersonEmail[]> {
    const email = normalizeEmail(rawEmail);
    await this.global(viewer.identityId, async (m) => {
      const owner = await this.identityByEmail(m, email);
      if (owner && owner !== viewer.identityId) throw emailTaken();
      if (owner === viewer.identityId) return;
      await m.query(`INSERT INTO identity_emails (identity_id, email) VALUES ($1, $2) ON CONFLICT (identity_id, email) DO NOTHING`, [
        viewer.identityId,
        email,
      ]);
    });
    const token = await this.issueToken(viewer.identityId, email, "VERIFY_EMAIL");
    await this.sendLink(viewer.identityId, email, "VERIFY_EMAIL", token);
    return this.emails(viewer);
  }

  async verifyEmail(token: string): Promise<boolean> {
    const used = await this.consume(token, "VERIFY_EMAIL");
    await this.global(used.identityId, async (m) => {
      const owner = await this.identityByEmail(m, used.email);
      if (owner && owner !== used.identityId) throw emailTaken();
      await m.query(`UPDATE identity_emails SET verified_at = coalesce(verified_at, now()) WHERE identity_id = $1 AND email = $2`, [
        used.identityId,
        used.email,
      ]);
    });
    return true;
  }

  /** Makes a verified address the primary one (students do this before graduating); the old one stays, verified. */
  async makePrimary(viewer: Viewer, rawEmail: string): Promise<PersonEmail[]> {
    const email = normalizeEmail(rawEmail);
    await this.global(viewer.identityId, async (m) => {
      const [row] = await sqlRows<{ verified: boolean }>(
        m,
        `SELECT verified_at IS NOT NULL AS verified FROM identity_emails WHERE identity_id = $1 AND email = $2 FOR UPDATE`,
        [viewer.identityId, email],
      );
      if (!row) throw new AppError("NOT_FOUND", "That address is not one of yours.");
      if (!row.verified) throw emailNotVerified();
      const [{ old }] = await sqlRows<{ old: string }>(m, `SELECT email AS old FROM identities WHERE id = $1 FOR UPDATE`, [
        viewer.identityId,
      ]);
      await m.query(`DELETE FROM identity_emails WHERE identity_id = $1 AND email = $2`, [viewer.identityId, email]);
      await m.query(`UPDATE identities SET email = $2, updated_at = now() WHERE id = $1`, [viewer.identityId, email]);
      await m.query(`INSERT INTO identity_emails (identity_id, email, verified_at) VALUES ($1, $2, now())`, [viewer.identityId, old]);
    });
    return this.emails(viewer);
  }

  async removeEmail(viewer: Viewer, rawEmail: string): Promise<PersonEmail[]> {
    const email = normalizeEmail(rawEmail);
    const removed = await this.global(viewer.identityId, (m) =>
      sqlRows(m, `DELETE FROM identity_emails WHERE identity_id = $1 AND email = $2 RETURNING 1`, [viewer.identityId, email]),
    );
    if (removed.length === 0)
      throw new AppError("NOT_FOUND", "That address is not one of your other addresses (the primary one cannot be removed).");
    return this.emails(viewer);
  }

  async hasPassword(viewer: Viewer): Promise<boolean> {
    const [row] = await this.global(viewer.identityId, (m) =>
      sqlRows<{ has: boolean }>(m, `SELECT password_hash IS NOT NULL AS has FROM identities WHERE id = $1`, [viewer.identityId]),
    );
    return row?.has ?? false;
  }

  /** The person owning an address: the primary one, or a verified other one. */
  private async identityByEmail(m: EntityManager, email: string): Promise<string | null> {
    const rows = await sqlRows<{ id: string }>(
      m,
      `SELECT id FROM identities WHERE email = $1
       UNION SELECT identity_id FROM identity_emails WHERE email = $1 AND verified_at IS NOT NULL LIMIT 1`,
      [email],
    );
    return rows[0]?.id ?? null;
  }

  private async issueToken(identityId: string, email: string, purpose: Purpose): Promise<string> {
    const token = randomToken();
    await this.global(identityId, (m) =>
      m.query(`INSERT INTO email_tokens (purpose, token_hash, identity_id, email, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
        purpose,
        sha256(token),
        identityId,
        email,
        new Date(Date.now() + LIFETIME_MINUTES[purpose] * 60_000),
      ]),
    );
    return token;
  }

  /** Spends a token once: unknown, used, expired or of another kind all answer EMAIL_TOKEN_INVALID. */
  private async consume(token: string, purpose: Purpose): Promise<{ identityId: string; email: string }> {
    const [row] = await this.global(null, (m) =>
      sqlRows<{ identityId: string; email: string }>(
        m,
        `UPDATE email_tokens SET used_at = now()
          WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
          RETURNING identity_id AS "identityId", email`,
        [sha256(token), purpose],
      ),
    );
    if (!row) throw emailTokenInvalid();
    return row;
  }

  /** The link, in the person's own language (identities.locale; English when not chosen: no institution is known here). */
  private async sendLink(identityId: string, email: string, purpose: Purpose, token: string): Promise<void> {
    const base = this.deps.config.publicUrl;
    const path = { SIGN_IN_LINK: "sign-in/link", PASSWORD_RESET: "reset-password", VERIFY_EMAIL: "verify-email" }[purpose];
    const [person] = await this.global(identityId, (m) =>
      sqlRows<{ locale: string | null }>(m, `SELECT locale FROM identities WHERE id = $1`, [identityId]),
    );
    const rendered = await renderEmail(
      accountLinkEmail({
        purpose,
        link: `${base}/${path}#token=${token}`,
        minutes: LIFETIME_MINUTES[purpose],
        locale: emailLocale(person?.locale),
      }),
    );
    await this.deps.mailer.send({ to: email, ...rendered });
  }
}
