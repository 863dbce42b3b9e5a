import type { EntityManager } from "typeorm";
import { changedValues, personActor, recordAudit, type AuditAction } from "../audit";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Role, Viewer } from "../../auth/viewer";
import { forbidden } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { providerConfigInvalid, providerNotFound, ssoNotReady } from "./identity.errors";
import type { AddIdentityProviderInput, IdentityProviderInput } from "./providers.inputs";
import type { IdentityProvider, IdpKind, SignInEvent, SsoSettings } from "./providers.types";
import { parseIdpMetadata } from "./saml-metadata";
import type { SecretBox } from "./secret-box";
import { recordSignInEvent } from "../accounts";
import { ssoUrls } from "./sso-urls";

/** A provider row as stored, secrets still sealed. Only this module's services read it. */
export interface ProviderRow {
  id: string;
  institutionId: string;
  kind: IdpKind;
  name: string;
  enabled: boolean;
  emailDomains: string[];
  matchAttribute: string;
  matchByVerifiedEmail: boolean;
  createPeopleRole: Role | null;
  oidcIssuer: string | null;
  oidcClientId: string | null;
  oidcClientSecretEnc: string | null;
  oidcScopes: string | null;
  samlIdpMetadataUrl: string | null;
  samlIdpEntityId: string | null;
  samlIdpSsoUrl: string | null;
  samlIdpCerts: string[] | null;
  samlSpPrivateKeyEnc: string | null;
  samlSpCertificate: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const PROVIDER_COLUMNS = `id, institution_id AS "institutionId", kind, name, enabled, email_domains AS "emailDomains",
  match_attribute AS "matchAttribute", match_by_verified_email AS "matchByVerifiedEmail", create_people_role AS "createPeopleRole",
  oidc_issuer AS "oidcIssuer", oidc_client_id AS "oidcClientId", oidc_client_secret_enc AS "oidcClientSecretEnc", oidc_scopes AS "oidcScopes",
  saml_idp_metadata_url AS "samlIdpMetadataUrl", saml_idp_entity_id AS "samlIdpEntityId", saml_idp_sso_url AS "samlIdpSsoUrl",
  saml_idp_certs AS "samlIdpCerts", saml_sp_private_key_enc AS "samlSpPrivateKeyEnc", saml_sp_certificate AS "samlSpCertificate",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

const METADATA_TIMEOUT_MS = 10_000;
const DEFAULT_MATCH: Record<IdpKind, string> = { OIDC: "sub", SAML: "eduPersonPrincipalName" };

const isAdmin = (viewer: Viewer) => viewer.roles.includes("ADMIN");

/** Identity providers per institution, SSO enforcement, and the sign-in log: what an institution's admins manage. */
/** What the audit log keeps of a provider's configuration: its settings, never a secret, key, certificate or metadata document. */
function providerSettings(row: ProviderRow): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).filter(([key]) => !/(Enc|At|Xml|Certs|Certificate)$/.test(key) && key !== "id" && key !== "institutionId"),
  );
}

export class IdentityProvidersService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly secrets: SecretBox,
  ) {}

  private asAdmin<T>(viewer: Viewer, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!isAdmin(viewer)) throw forbidden();
    return tenantTransaction(this.deps.dataSource, viewer, fn);
  }

  toGraphQL(row: ProviderRow): IdentityProvider {
    const urls = ssoUrls(this.deps.config.publicUrl, row.id);
    return {
      ...row,
      hasClientSecret: !!row.oidcClientSecretEnc,
      hasSpPrivateKey: !!row.samlSpPrivateKeyEnc,
      callbackUrl: row.kind === "OIDC" ? urls.oidcCallback : urls.samlAcs,
      spEntityId: row.kind === "SAML" ? urls.samlMetadata : null,
    };
  }

  async list(viewer: Viewer): Promise<IdentityProvider[]> {
    const rows = await this.asAdmin(viewer, (m) =>
      sqlRows<ProviderRow>(m, `SELECT ${PROVIDER_COLUMNS} FROM identity_providers ORDER BY created_at`),
    );
    return rows.map((r) => this.toGraphQL(r));
  }

  async add(viewer: Viewer, input: AddIdentityProviderInput): Promise<IdentityProvider> {
    const values = await this.columnsFor(input.kind, input, true);
    const row = await this.asAdmin(viewer, async (m) => {
      const names = Object.keys(values);
      const [row] = await sqlRows<ProviderRow>(
        m,
        `INSERT INTO identity_providers (institution_id, kind, ${names.join(", ")})
         VALUES ($1, $2, ${names.map((_, i) => `$${i + 3}`).join(", ")}) RETURNING ${PROVIDER_COLUMNS}`,
        [viewer.institutionId, input.kind, ...Object.values(values)],
      );
      await this.afterChange(m, viewer, row, `added ${row.kind} provider "${row.name}"`);
      await this.audit(m, viewer, "identity_provider.added", row.id, null, providerSettings(row));
      return row;
    });
    return this.toGraphQL(row);
  }

  async update(viewer: Viewer, id: string, input: IdentityProviderInput): Promise<IdentityProvider> {
    const current = await this.get(viewer, id);
    const values = await this.columnsFor(current.kind, input, false);
    const row = await this.asAdmin(viewer, async (m) => {
      const names = Object.keys(values);
      if (names.length === 0) return current;
      const [row] = await sqlRows<ProviderRow>(
        m,
        `UPDATE identity_providers SET ${names.map((n, i) => `${n} = $${i + 2}`).join(", ")}, updated_at = now()
          WHERE id = $1 RETURNING ${PROVIDER_COLUMNS}`,
        [id, ...Object.values(values)],
      );
      // Secrets are named, never shown, in the log.
      await this.afterChange(m, viewer, row, `changed ${names.map((n) => n.replace(/_enc$/, "")).join(", ")}`);
      const changed = changedValues(providerSettings(current), providerSettings(row));
      const secrets = names.filter((n) => n.endsWith("_enc")).map((n) => n.replace(/_enc$/, ""));
      await this.audit(m, viewer, "identity_provider.updated", row.id, changed?.before ?? {}, {
        ...(changed?.after ?? {}),
        ...(secrets.length > 0 ? { secretsReplaced: secrets } : {}),
      });
      return row;
    });
    return this.toGraphQL(row);
  }

  async setEnabled(viewer: Viewer, id: string, enabled: boolean): Promise<IdentityProvider> {
    await this.get(viewer, id);
    const row = await this.asAdmin(viewer, async (m) => {
      const [row] = await sqlRows<ProviderRow>(
        m,
        `UPDATE identity_providers SET enabled = $2, updated_at = now() WHERE id = $1 RETURNING ${PROVIDER_COLUMNS}`,
        [id, enabled],
      );
      await this.afterChange(m, viewer, row, enabled ? "switched on" : "switched off");
      await this.audit(m, viewer, enabled ? "identity_provider.enabled" : "identity_provider.disabled", row.id, null, null);
      if (!enabled) await this.relaxEnforcementWithoutProvider(m, viewer);
      return row;
    });
    return this.toGraphQL(row);
  }

  async remove(viewer: Viewer, id: string): Promise<boolean> {
    const row = await this.get(viewer, id);
    await this.asAdmin(viewer, async (m) => {
      await m.query(`DELETE FROM identity_providers WHERE id = $1`, [id]);
      // The public directory holds no foreign key to a tenant table (docs/decisions/0016): its row goes here.
      await m.query(`DELETE FROM sso_directory WHERE provider_id = $1`, [id]);
      await recordSignInEvent(m, {
        institutionId: viewer.institutionId,
        method: "CONFIGURATION",
        outcome: "CHANGED",
        actorId: viewer.memberships.ADMIN ?? null,
        reason: `removed ${row.kind} provider "${row.name}"`,
      });
      await this.audit(m, viewer, "identity_provider.removed", id, providerSettings(row), null);
      await this.relaxEnforcementWithoutProvider(m, viewer);
    });
    return true;
  }

  async get(viewer: Viewer, id: string): Promise<ProviderRow> {
    const [row] = await this.asAdmin(viewer, (m) =>
      sqlRows<ProviderRow>(m, `SELECT ${PROVIDER_COLUMNS} FROM identity_providers WHERE id = $1`, [id]),
    );
    if (!row) throw providerNotFound();
    return row;
  }

  async settings(viewer: Viewer): Promise<SsoSettings> {
    const rows = await this.asAdmin(viewer, (m) =>
      sqlRows<{ enforcedRoles: Role[] }>(m, `SELECT enforced_roles AS "enforcedRoles" FROM sso_settings`),
    );
    return { enforcedRoles: rows[0]?.enforcedRoles ?? [] };
  }

  /** Which roles must use campus sign-in. Needs a switched-on provider first, so nobody is locked out. */
  async setEnforcement(viewer: Viewer, roles: Role[]): Promise<SsoSettings> {
    const enforced = [...new Set(roles)];
    return this.asAdmin(viewer, async (m) => {
      const [previous] = await sqlRows<{ enforcedRoles: Role[] }>(m, `SELECT enforced_roles AS "enforcedRoles" FROM sso_settings`);
      if (enforced.length > 0) {
        const enabled = await sqlRows(m, `SELECT 1 FROM identity_providers WHERE enabled LIMIT 1`);
        if (enabled.length === 0) throw ssoNotReady();
      }
      await m.query(
        `INSERT INTO sso_settings (institution_id, enforced_roles) VALUES ($1, $2)
         ON CONFLICT (institution_id) DO UPDATE SET enforced_roles = EXCLUDED.enforced_roles, updated_at = now()`,
        [viewer.institutionId, enforced],
      );
      await recordSignInEvent(m, {
        institutionId: viewer.institutionId,
        method: "CONFIGURATION",
        outcome: "CHANGED",
        actorId: viewer.memberships.ADMIN ?? null,
        reason: enforced.length > 0 ? `campus sign-in required for ${enforced.join(", ")}` : "campus sign-in required for nobody",
      });
      await recordAudit(m, {
        institutionId: viewer.institutionId,
        actor: personActor(viewer, ["ADMIN"]),
        action: "sso.enforcement_changed",
        target: { type: "sso_settings", id: viewer.institutionId },
        before: { enforcedRoles: previous?.enforcedRoles ?? [] },
        after: { enforcedRoles: enforced },
      });
      return { enforcedRoles: enforced };
    });
  }

  async signInLog(viewer: Viewer, first: number): Promise<SignInEvent[]> {
    return this.asAdmin(viewer, (m) =>
      sqlRows<SignInEvent>(
        m,
        `SELECT e.id, e.created_at AS "createdAt", e.method, e.outcome, e.reason, e.detail, e.provider_id AS "providerId",
                p.name AS "providerName", i.email AS "personEmail", ai.email AS "actorEmail"
           FROM sign_in_events e
           LEFT JOIN identity_providers p ON p.id = e.provider_id
           LEFT JOIN identities i ON i.id = e.identity_id
           LEFT JOIN memberships am ON am.id = e.actor_id
           LEFT JOIN identities ai ON ai.id = am.identity_id
          ORDER BY e.created_at DESC, e.id LIMIT $1`,
        [first],
      ),
    );
  }

  /** Switching the last provider off (or removing it) lifts enforcement: nobody may be left without a way in. */
  private async relaxEnforcementWithoutProvider(m: EntityManager, viewer: Viewer): Promise<void> {
    const enabled = await sqlRows(m, `SELECT 1 FROM identity_providers WHERE enabled LIMIT 1`);
    if (enabled.length > 0) return;
    const lifted = await sqlRows(
      m,
      `UPDATE sso_settings SET enforced_roles = '{}', updated_at = now() WHERE cardinality(enforced_roles) > 0 RETURNING 1`,
    );
    if (lifted.length > 0) {
      await recordSignInEvent(m, {
        institutionId: viewer.institutionId,
        method: "CONFIGURATION",
        outcome: "CHANGED",
        actorId: viewer.memberships.ADMIN ?? null,
        reason: "campus sign-in required for nobody (no provider is switched on)",
      });
    }
  }

  private audit(
    m: EntityManager,
    viewer: Viewer,
    action: AuditAction,
    providerId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    return recordAudit(m, {
      institutionId: viewer.institutionId,
      actor: personActor(viewer, ["ADMIN"]),
      action,
      target: { type: "identity_provider", id: providerId },
      before,
      after,
    });
  }

  private async afterChange(m: EntityManager, viewer: Viewer, row: ProviderRow, what: string): Promise<void> {
    await recordSignInEvent(m, {
      institutionId: viewer.institutionId,
      method: "CONFIGURATION",
      outcome: "CHANGED",
      providerId: row.id,
      actorId: viewer.memberships.ADMIN ?? null,
      reason: what,
    });
    await m.query(
      `INSERT INTO sso_directory (provider_id, sso_institution_id, institution_slug, institution_name, provider_name, kind, email_domains, enabled)
       SELECT p.id, p.institution_id, i.slug, i.name, p.name, p.kind, p.email_domains, p.enabled
         FROM identity_providers p JOIN institutions i ON i.id = p.institution_id WHERE p.id = $1
       ON CONFLICT (provider_id) DO UPDATE SET institution_slug = EXCLUDED.institution_slug, institution_name = EXCLUDED.institution_name,
         provider_name = EXCLUDED.provider_name, email_domains = EXCLUDED.email_domains, enabled = EXCLUDED.enabled`,
      [row.id],
    );
  }

  /** The columns an input sets, secrets sealed, SAML metadata read and checked. */
  private async columnsFor(kind: IdpKind, input: IdentityProviderInput, creating: boolean): Promise<Record<string, unknown>> {
    const v: Record<string, unknown> = {};
    if (input.name !== undefined) v.name = input.name.trim();
    else if (creating) throw providerConfigInvalid("Give the provider a name.");
    if (input.emailDomains !== undefined) v.email_domains = [...new Set(input.emailDomains.map((d) => d.toLowerCase()))];
    if (input.matchAttribute !== undefined) v.match_attribute = input.matchAttribute.trim();
    else if (creating) v.match_attribute = DEFAULT_MATCH[kind];
    if (input.matchByVerifiedEmail !== undefined) v.match_by_verified_email = input.matchByVerifiedEmail;
    if (input.createPeopleRole !== undefined) v.create_people_role = input.createPeopleRole;
    if (kind === "OIDC") {
      const samlOnly = [input.samlMetadataXml, input.samlMetadataUrl, input.samlSpPrivateKey, input.samlSpCertificate];
      if (samlOnly.some((x) => x !== undefined)) throw providerConfigInvalid("SAML settings do not apply to an OIDC provider.");
      if (input.oidcIssuer !== undefined) v.oidc_issuer = input.oidcIssuer.replace(/\/$/, "");
      if (input.oidcClientId !== undefined) v.oidc_client_id = input.oidcClientId;
      if (input.oidcClientSecret !== undefined) v.oidc_client_secret_enc = this.secrets.seal(input.oidcClientSecret);
      if (input.oidcScopes !== undefined) v.oidc_scopes = input.oidcScopes;
      if (creating && (!input.oidcIssuer || !input.oidcClientId))
        throw providerConfigInvalid("An OIDC provider needs an issuer URL and a client id.");
    } else {
      const oidcOnly = [input.oidcIssuer, input.oidcClientId, input.oidcClientSecret, input.oidcScopes];
      if (oidcOnly.some((x) => x !== undefined)) throw providerConfigInvalid("OIDC settings do not apply to a SAML provider.");
      let xml = input.samlMetadataXml;
      if (input.samlMetadataUrl !== undefined) {
        v.saml_idp_metadata_url = input.samlMetadataUrl;
        xml ??= await fetchMetadata(input.samlMetadataUrl);
      }
      if (xml !== undefined) {
        const metadata = parseIdpMetadata(xml);
        Object.assign(v, {
          saml_idp_metadata_xml: xml,
          saml_idp_entity_id: metadata.entityId,
          saml_idp_sso_url: metadata.ssoUrl,
          saml_idp_certs: metadata.certificates,
        });
      } else if (creating) {
        throw providerConfigInvalid("A SAML provider needs the IdP's metadata, as XML or a URL.");
      }
      if (input.samlSpPrivateKey !== undefined) {
        if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(input.samlSpPrivateKey))
          throw providerConfigInvalid("The SP private key must be PEM.");
        v.saml_sp_private_key_enc = this.secrets.seal(input.samlSpPrivateKey);
      }
      if (input.samlSpCertificate !== undefined) {
        if (!/-----BEGIN CERTIFICATE-----/.test(input.samlSpCertificate)) throw providerConfigInvalid("The SP certificate must be PEM.");
        v.saml_sp_certificate = input.samlSpCertificate;
      }
    }
    return v;
  }

  /** Seals again, with the current SECRETS_KEY, every secret still sealed with a previous key (see docs/sso.md). */
  async resealInstitution(institutionId: string): Promise<number> {
    return tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      const rows = await sqlRows<ProviderRow>(m, `SELECT ${PROVIDER_COLUMNS} FROM identity_providers FOR UPDATE`);
      let resealed = 0;
      for (const row of rows) {
        for (const [column, value] of [
          ["oidc_client_secret_enc", row.oidcClientSecretEnc],
          ["saml_sp_private_key_enc", row.samlSpPrivateKeyEnc],
        ] as const) {
          if (!value || !this.secrets.isStale(value)) continue;
          await m.query(`UPDATE identity_providers SET ${column} = $2 WHERE id = $1`, [
            row.id,
            this.secrets.seal(this.secrets.open(value)),
          ]);
          resealed += 1;
        }
      }
      return resealed;
    });
  }
}

async function fetchMetadata(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(METADATA_TIMEOUT_MS), redirect: "error" });
    if (!response.ok) throw new Error(String(response.status));
    return await response.text();
  } catch {
    throw providerConfigInvalid("We could not read the metadata from that URL.");
  }
}
