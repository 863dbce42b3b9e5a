import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { AppError, forbidden } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import type { AccountsService } from "../accounts";
import type { AuthPayload } from "../accounts";
import { randomToken, sha256 } from "../accounts";
import { signInCodeInvalid, SsoFailure } from "./identity.errors";
import { finishOidc, startOidc, type OidcSettings } from "./oidc-client";
import { matchPerson, matchValue, type CampusLogin, type MatchedPerson } from "./person-match";
import { PROVIDER_COLUMNS, type ProviderRow } from "./providers.service";
import type { SsoOption } from "./providers.types";
import { finishSaml, spMetadata, startSaml, type SamlSettings } from "./saml-sp";
import type { SecretBox } from "./secret-box";
import { recordSignInEvent } from "../accounts";
import { ssoUrls } from "./sso-urls";

const STATE_MINUTES = 10;
const CODE_SECONDS = 60;

/** Where a finished campus sign-in sends the browser, or what it shows. */
export type SsoOutcome =
  | { kind: "signed-in"; redirectTo: string }
  | {
      kind: "test";
      providerName: string;
      claims: Record<string, unknown>;
      matchValue: string | null;
      person: MatchedPerson | null;
      failure: SsoFailure | null;
    }
  | { kind: "failed"; failure: SsoFailure };

interface LoginState {
  id: string;
  codeVerifier: string | null;
  nonce: string | null;
  returnTo: string | null;
  testMode: boolean;
}

/** A return path inside Infoview: one leading slash, no scheme, no host, no backslash (no open redirect). */
export function isSafeReturnPath(path: string): boolean {
  return /^\/(?![/\\])[^\s\\]*$/.test(path) && path.length <= 500;
}

/** Campus sign-in itself: the redirect to the IdP, the callback, matching to a person, the one-time code. */
export class SsoService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly secrets: SecretBox,
    private readonly accounts: AccountsService,
  ) {}

  private urls(providerId: string) {
    return ssoUrls(this.deps.config.publicUrl, providerId);
  }

  /** The institution a provider belongs to, from the global directory: the callback URL names only the provider. */
  private async institutionOf(providerId: string): Promise<string | null> {
    if (!/^[0-9a-f-]{36}$/i.test(providerId)) return null;
    const rows: Array<{ institutionId: string }> = await this.deps.dataSource.query(
      `SELECT sso_institution_id AS "institutionId" FROM sso_directory WHERE provider_id = $1`,
      [providerId],
    );
    return rows[0]?.institutionId ?? null;
  }

  private async provider(providerId: string): Promise<ProviderRow | null> {
    const institutionId = await this.institutionOf(providerId);
    if (!institutionId) return null;
    const rows = await tenantTransaction(this.deps.dataSource, { institutionId }, (m) =>
      sqlRows<ProviderRow>(m, `SELECT ${PROVIDER_COLUMNS} FROM identity_providers WHERE id = $1`, [providerId]),
    );
    return rows[0] ?? null;
  }

  private oidcSettings(p: ProviderRow): OidcSettings {
    return {
      providerId: p.id,
      issuer: p.oidcIssuer!,
      clientId: p.oidcClientId!,
      clientSecret: p.oidcClientSecretEnc ? this.secrets.open(p.oidcClientSecretEnc) : null,
      scopes: p.oidcScopes,
      redirectUri: this.urls(p.id).oidcCallback,
      allowHttp: this.deps.config.nodeEnv !== "production",
    };
  }

  private samlSettings(p: ProviderRow): SamlSettings {
    const urls = this.urls(p.id);
    return {
      entityId: urls.samlMetadata,
      acsUrl: urls.samlAcs,
      idpEntityId: p.samlIdpEntityId!,
      idpSsoUrl: p.samlIdpSsoUrl!,
      idpCerts: p.samlIdpCerts ?? [],
      spPrivateKey: p.samlSpPrivateKeyEnc ? this.secrets.open(p.samlSpPrivateKeyEnc) : null,
      spCertificate: p.samlSpCertificate,
    };
  }

  /** GET /sso/:id/start: where to send the browser. Only a switched-on provider signs people in. */
  async start(providerId: string, returnTo: string | null): Promise<string> {
    if (returnTo !== null && !isSafeReturnPath(returnTo)) {
      throw new AppError("RETURN_URL_INVALID", "The return address must be a page of Infoview.");
    }
    const provider = await this.provider(providerId);
    if (!provider) throw new SsoFailure("SSO_PROVIDER_DISABLED");
    if (!provider.enabled) {
      await this.log(provider, "FAILED", null, new SsoFailure("SSO_PROVIDER_DISABLED"));
      throw new SsoFailure("SSO_PROVIDER_DISABLED");
    }
    return this.begin(provider, { returnTo, testMode: false });
  }

  /** Test mode: an admin's trial of a provider, switched on or not; it shows what came back and signs nobody in. */
  async startTest(viewer: Viewer, providerId: string): Promise<string> {
    if (!viewer.roles.includes("ADMIN")) throw forbidden();
    const provider = await this.provider(providerId);
    if (!provider || provider.institutionId !== viewer.institutionId)
      throw new AppError("NOT_FOUND", "No identity provider with that id here.");
    try {
      return await this.begin(provider, { returnTo: null, testMode: true });
    } catch (error) {
      if (error instanceof SsoFailure) throw new AppError(error.code, error.message);
      throw error;
    }
  }

  private async begin(provider: ProviderRow, options: { returnTo: string | null; testMode: boolean }): Promise<string> {
    const state = randomToken();
    const expiresAt = new Date(Date.now() + STATE_MINUTES * 60_000);
    let url: string;
    let columns: { codeVerifier: string | null; nonce: string | null; samlRequestId: string | null };
    if (provider.kind === "OIDC") {
      const started = await startOidc(this.oidcSettings(provider), state);
      url = started.url;
      columns = { codeVerifier: started.codeVerifier, nonce: started.nonce, samlRequestId: null };
    } else {
      const started = await startSaml(this.samlSettings(provider), state);
      url = started.url;
      columns = { codeVerifier: null, nonce: null, samlRequestId: started.requestId };
    }
    await tenantTransaction(this.deps.dataSource, { institutionId: provider.institutionId }, (m) =>
      m.query(
        `INSERT INTO sso_login_states (institution_id, provider_id, state_hash, code_verifier, nonce, saml_request_id, return_to, test_mode, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          provider.institutionId,
          provider.id,
          sha256(state),
          columns.codeVerifier,
          columns.nonce,
          columns.samlRequestId,
          options.returnTo,
          options.testMode,
          expiresAt,
        ],
      ),
    );
    return url;
  }

  /** Takes a login state once: used, expired or unknown states are refused. */
  private async takeState(m: EntityManager, provider: ProviderRow, where: string, value: string): Promise<LoginState> {
    const [state] = await sqlRows<LoginState>(
      m,
      `UPDATE sso_login_states SET used_at = now()
        WHERE provider_id = $1 AND ${where} = $2 AND used_at IS NULL AND expires_at > now()
        RETURNING id, code_verifier AS "codeVerifier", nonce, return_to AS "returnTo", test_mode AS "testMode"`,
      [provider.id, value],
    );
    if (!state) throw new SsoFailure("SSO_STATE_INVALID");
    return state;
  }

  /** GET /sso/:id/oidc/callback */
  async finishOidc(providerId: string, callbackUrl: URL): Promise<SsoOutcome> {
    const provider = await this.provider(providerId);
    if (!provider || provider.kind !== "OIDC") return { kind: "failed", failure: new SsoFailure("SSO_STATE_INVALID") };
    let state: LoginState | null = null;
    try {
      const stateValue = callbackUrl.searchParams.get("state") ?? "";
      state = await this.inTenant(provider, (m) => this.takeState(m, provider, "state_hash", sha256(stateValue)));
      const claims = await finishOidc(this.oidcSettings(provider), callbackUrl, {
        state: stateValue,
        codeVerifier: state.codeVerifier ?? "",
        nonce: state.nonce ?? "",
      });
      const login: CampusLogin = {
        claims,
        email: typeof claims.email === "string" ? claims.email : null,
        emailVerified: claims.email_verified === true,
        displayName: typeof claims.name === "string" ? claims.name : null,
      };
      return await this.finish(provider, state, login);
    } catch (error) {
      return this.failed(provider, state, error);
    }
  }

  /** POST /sso/:id/saml/acs */
  async finishSaml(providerId: string, body: { SAMLResponse?: unknown; RelayState?: unknown }): Promise<SsoOutcome> {
    const provider = await this.provider(providerId);
    if (!provider || provider.kind !== "SAML" || typeof body.SAMLResponse !== "string") {
      return { kind: "failed", failure: new SsoFailure("SSO_RESPONSE_INVALID") };
    }
    let state: LoginState | null = null;
    try {
      const assertion = await finishSaml(this.samlSettings(provider), body.SAMLResponse, {
        sent: async (requestId) => {
          const rows = await this.inTenant(provider, (m) =>
            sqlRows(m, `SELECT 1 FROM sso_login_states WHERE provider_id = $1 AND saml_request_id = $2 AND expires_at > now()`, [
              provider.id,
              requestId,
            ]),
          );
          return rows.length > 0;
        },
      });
      state = await this.inTenant(provider, async (m) => {
        // Each assertion is accepted once, until it expires (at least a day is kept).
        const kept = await sqlRows(
          m,
          `INSERT INTO saml_assertion_ids (institution_id, provider_id, assertion_id, expires_at)
           VALUES ($1, $2, $3, greatest($4::timestamptz, now() + interval '1 day')) ON CONFLICT DO NOTHING RETURNING 1`,
          [provider.institutionId, provider.id, assertion.assertionId, assertion.notOnOrAfter],
        );
        if (kept.length === 0) throw new SsoFailure("SSO_REPLAYED", assertion.assertionId);
        return this.takeState(m, provider, "saml_request_id", assertion.requestId);
      });
      const claims: Record<string, unknown> = { NameID: assertion.nameId, ...assertion.attributes };
      const mail = assertion.attributes.mail?.[0] ?? assertion.attributes["urn:oid:0.9.2342.19200300.100.1.3"]?.[0] ?? null;
      const name = assertion.attributes.displayName?.[0] ?? null;
      // The IdP vouches for the campus address it releases; matching by it stays the admin's choice.
      return await this.finish(provider, state, { claims, email: mail, emailVerified: !!mail, displayName: name });
    } catch (error) {
      return this.failed(provider, state, error);
    }
  }

  private async finish(provider: ProviderRow, state: LoginState, login: CampusLogin): Promise<SsoOutcome> {
    if (state.testMode) {
      let person: MatchedPerson | null = null;
      let failure: SsoFailure | null = null;
      try {
        // Test mode never creates anyone.
        person = await this.inTenant(provider, (m) => matchPerson(m, provider, login, false));
      } catch (error) {
        if (!(error instanceof SsoFailure)) throw error;
        failure = error;
      }
      const value = matchValue(provider, login);
      await this.log(provider, "TESTED", person?.identityId ?? null, failure, `${provider.matchAttribute}=${value ?? "(none)"}`);
      return { kind: "test", providerName: provider.name, claims: login.claims, matchValue: value, person, failure };
    }
    const code = randomToken();
    await this.inTenant(provider, async (m) => {
      const person = await matchPerson(m, provider, login, true);
      await m.query(
        `INSERT INTO sign_in_codes (code_hash, identity_id, sso_institution_id, provider_id, expires_at) VALUES ($1, $2, $3, $4, $5)`,
        [sha256(code), person.identityId, provider.institutionId, provider.id, new Date(Date.now() + CODE_SECONDS * 1000)],
      );
      await recordSignInEvent(m, {
        institutionId: provider.institutionId,
        method: provider.kind,
        outcome: "SUCCEEDED",
        providerId: provider.id,
        identityId: person.identityId,
        detail: `${provider.matchAttribute}=${matchValue(provider, login) ?? ""}${person.created ? " (person created)" : ""}`,
      });
    });
    const fragment = new URLSearchParams({ code, ...(state.returnTo ? { returnTo: state.returnTo } : {}) });
    return { kind: "signed-in", redirectTo: `${this.deps.config.publicUrl}/sign-in/complete#${fragment}` };
  }

  private async failed(provider: ProviderRow, state: LoginState | null, error: unknown): Promise<SsoOutcome> {
    if (!(error instanceof SsoFailure)) throw error;
    await this.log(provider, "FAILED", null, error);
    if (state?.testMode) return { kind: "test", providerName: provider.name, claims: {}, matchValue: null, person: null, failure: error };
    return { kind: "failed", failure: error };
  }

  private async log(
    provider: ProviderRow,
    outcome: "FAILED" | "TESTED",
    identityId: string | null,
    failure: SsoFailure | null,
    detail?: string,
  ) {
    await this.inTenant(provider, (m) =>
      recordSignInEvent(m, {
        institutionId: provider.institutionId,
        method: provider.kind,
        outcome,
        providerId: provider.id,
        identityId,
        reason: failure?.code ?? null,
        detail: [detail, failure?.detail].filter(Boolean).join("; ") || null,
      }),
    );
  }

  private inTenant<T>(provider: ProviderRow, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return tenantTransaction(this.deps.dataSource, { institutionId: provider.institutionId }, fn);
  }

  /** The web client trades the one-time code from the redirect for a session (tokens never travel in URLs). */
  async completeSignIn(code: string): Promise<AuthPayload> {
    const rows = await sqlRows<{ identityId: string; institutionId: string }>(
      this.deps.dataSource.manager,
      `UPDATE sign_in_codes SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING identity_id AS "identityId", sso_institution_id AS "institutionId"`,
      [sha256(code)],
    );
    const row = rows[0];
    if (!row) throw signInCodeInvalid();
    return this.accounts.startSessionFor(row.identityId, row.institutionId, row.institutionId);
  }

  /** GET /sso/:id/saml/metadata */
  async metadata(providerId: string): Promise<string | null> {
    const provider = await this.provider(providerId);
    if (!provider || provider.kind !== "SAML") return null;
    return spMetadata(this.samlSettings(provider));
  }

  /** Campus sign-in of the institutions the person belongs to (switched-on providers). */
  async optionsForPerson(viewer: Viewer): Promise<SsoOption[]> {
    const rows = await tenantTransaction(this.deps.dataSource, { institutionId: null, identityId: viewer.identityId }, (m) =>
      sqlRows<Omit<SsoOption, "startUrl">>(
        m,
        `SELECT d.provider_id AS "providerId", d.provider_name AS "providerName", d.institution_name AS "institutionName", d.institution_slug AS "institutionSlug"
           FROM sso_directory d
          WHERE d.enabled AND d.sso_institution_id IN (SELECT institution_id FROM memberships WHERE identity_id = $1 AND deactivated_at IS NULL)
          ORDER BY d.institution_name, d.provider_name`,
        [viewer.identityId],
      ),
    );
    return rows.map((r) => ({ ...r, startUrl: this.urls(r.providerId).start }));
  }

  /** The campus sign-in buttons for an email address's domain or an institution's slug (switched-on providers only). */
  async options(email: string | null, slug: string | null): Promise<SsoOption[]> {
    const domain = email?.split("@")[1]?.trim().toLowerCase() ?? null;
    if (!domain && !slug) return [];
    const rows: Array<Omit<SsoOption, "startUrl">> = await this.deps.dataSource.query(
      `SELECT provider_id AS "providerId", provider_name AS "providerName", institution_name AS "institutionName", institution_slug AS "institutionSlug"
         FROM sso_directory
        WHERE enabled AND (($1::text IS NOT NULL AND email_domains @> ARRAY[$1::text]) OR institution_slug = $2)
        ORDER BY institution_name, provider_name LIMIT 20`,
      [domain, slug],
    );
    return rows.map((r) => ({ ...r, startUrl: this.urls(r.providerId).start }));
  }
}
