import type { MigrationInterface, QueryRunner } from "typeorm";

const ROLE_LIST = `ARRAY['STUDENT','ALUMNUS','ADVISOR','ADMIN']`;

/**
 * Campus sign-in (issue 12): each institution's identity providers (OIDC and SAML), the enforcement of SSO per role,
 * the short-lived login states and SAML assertion ids (replay), the sign-in log; and, for sign-in without SSO,
 * emailed single-use tokens (sign-in links, password resets, address verification) and a person's extra addresses.
 * Secrets are stored encrypted (the *_enc columns, AES-256-GCM with SECRETS_KEY, see modules/identity/secret-box.ts).
 */
export class CampusSignIn1795305603000 implements MigrationInterface {
  name = "CampusSignIn1795305603000";

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE identity_providers (
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         kind text NOT NULL CHECK (kind IN ('OIDC', 'SAML')),
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
         enabled boolean NOT NULL DEFAULT false,
         email_domains text[] NOT NULL DEFAULT '{}',
         match_attribute text NOT NULL CHECK (length(match_attribute) BETWEEN 1 AND 200),
         match_by_verified_email boolean NOT NULL DEFAULT false,
         create_people_role text CHECK (create_people_role = ANY (${ROLE_LIST})),
         oidc_issuer text,
         oidc_client_id text,
         oidc_client_secret_enc text,
         oidc_scopes text,
         saml_idp_metadata_url text,
         saml_idp_metadata_xml text,
         saml_idp_entity_id text,
         saml_idp_sso_url text,
         saml_idp_certs text[],
         saml_sp_private_key_enc text,
         saml_sp_certificate text,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         CHECK (kind <> 'OIDC' OR (oidc_issuer IS NOT NULL AND oidc_client_id IS NOT NULL)),
         CHECK (kind <> 'SAML' OR (saml_idp_entity_id IS NOT NULL AND saml_idp_sso_url IS NOT NULL AND cardinality(saml_idp_certs) > 0)),
         PRIMARY KEY (institution_id, id)
       )`,
      `CREATE INDEX identity_providers_institution_idx ON identity_providers (institution_id, created_at)`,
      `ALTER TABLE identity_providers ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE identity_providers FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY identity_providers_tenant_read ON identity_providers FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY identity_providers_tenant_write ON identity_providers FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON identity_providers TO infoview_app`,

      `CREATE TABLE sso_settings (
         institution_id uuid PRIMARY KEY REFERENCES institutions(id) ON DELETE CASCADE,
         enforced_roles text[] NOT NULL DEFAULT '{}' CHECK (enforced_roles <@ ${ROLE_LIST}),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      // Members read their institutions' enforcement when they sign in (modules/identity/enforcement.ts).
      `ALTER TABLE sso_settings ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE sso_settings FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY sso_settings_tenant_read ON sso_settings FOR SELECT USING ((institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid) OR institution_id IN (SELECT ms.institution_id FROM memberships ms WHERE ms.identity_id = (SELECT nullif(current_setting('app.identity_id', true), '')::uuid))))`,
      `CREATE POLICY sso_settings_tenant_write ON sso_settings FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON sso_settings TO infoview_app`,

      // A sign-in in flight: state, PKCE verifier, nonce or the SAML request id, kept server-side for ten minutes.
      `CREATE TABLE sso_login_states (
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         provider_id uuid NOT NULL,
         state_hash text NOT NULL,
         code_verifier text,
         nonce text,
         saml_request_id text,
         return_to text,
         test_mode boolean NOT NULL DEFAULT false,
         created_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL,
         used_at timestamptz,
         PRIMARY KEY (institution_id, id),
         UNIQUE (institution_id, state_hash),
         FOREIGN KEY (institution_id, provider_id) REFERENCES identity_providers (institution_id, id) ON DELETE CASCADE
       )`,
      `CREATE INDEX sso_login_states_request_idx ON sso_login_states (institution_id, provider_id, saml_request_id)`,
      `ALTER TABLE sso_login_states ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE sso_login_states FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY sso_login_states_tenant_read ON sso_login_states FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY sso_login_states_tenant_write ON sso_login_states FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON sso_login_states TO infoview_app`,

      // Every assertion id accepted, until it expires: the same assertion posted again is refused.
      `CREATE TABLE saml_assertion_ids (
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         provider_id uuid NOT NULL,
         assertion_id text NOT NULL,
         expires_at timestamptz NOT NULL,
         PRIMARY KEY (institution_id, provider_id, assertion_id),
         FOREIGN KEY (institution_id, provider_id) REFERENCES identity_providers (institution_id, id) ON DELETE CASCADE
       )`,
      `ALTER TABLE saml_assertion_ids ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE saml_assertion_ids FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY saml_assertion_ids_tenant_read ON saml_assertion_ids FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY saml_assertion_ids_tenant_write ON saml_assertion_ids FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON saml_assertion_ids TO infoview_app`,

      `CREATE TABLE sign_in_events (
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         provider_id uuid,
         identity_id uuid REFERENCES identities(id) ON DELETE SET NULL,
         actor_id uuid,
         method text NOT NULL CHECK (method IN ('OIDC', 'SAML', 'PASSWORD', 'EMAIL_LINK', 'PASSWORD_RESET', 'CONFIGURATION')),
         outcome text NOT NULL CHECK (outcome IN ('SUCCEEDED', 'FAILED', 'TESTED', 'CHANGED')),
         reason text,
         detail text CHECK (length(detail) <= 2000),
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (institution_id, id),
         FOREIGN KEY (institution_id, provider_id) REFERENCES identity_providers (institution_id, id) ON DELETE SET NULL (provider_id),
         FOREIGN KEY (institution_id, actor_id) REFERENCES memberships (institution_id, id) ON DELETE SET NULL (actor_id)
       )`,
      `CREATE INDEX sign_in_events_institution_idx ON sign_in_events (institution_id, created_at DESC)`,
      `ALTER TABLE sign_in_events ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE sign_in_events FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY sign_in_events_tenant_read ON sign_in_events FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY sign_in_events_tenant_write ON sign_in_events FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON sign_in_events TO infoview_app`,

      // Global by design, and public: what an anonymous visitor may learn to be offered the right button (by email
      // domain or /i/<slug>), and which institution a callback URL's provider belongs to (the URL names only the
      // provider). Nothing here is secret; it is written with each provider change. Its institution column is named
      // sso_institution_id, like the sessions' and sign-in codes', for "the institution whose campus sign-in this is".
      // No foreign key to identity_providers (a global table may not reference a tenant table, docs/decisions/0016):
      // the service deletes a provider's row with the provider.
      `CREATE TABLE sso_directory (
         provider_id uuid PRIMARY KEY,
         sso_institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         institution_slug text NOT NULL,
         institution_name text NOT NULL,
         provider_name text NOT NULL,
         kind text NOT NULL,
         email_domains text[] NOT NULL DEFAULT '{}',
         enabled boolean NOT NULL
       )`,
      `CREATE INDEX sso_directory_slug_idx ON sso_directory (institution_slug)`,
      `CREATE INDEX sso_directory_domains_idx ON sso_directory USING gin (email_domains)`,

      // Global: the one-time code the web client trades for a session after a campus sign-in (tokens never travel in URLs).
      `CREATE TABLE sign_in_codes (
         code_hash text PRIMARY KEY,
         identity_id uuid NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
         sso_institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         provider_id uuid,
         expires_at timestamptz NOT NULL,
         used_at timestamptz
       )`,
      // Global: emailed single-use tokens, only their SHA-256 kept.
      `CREATE TABLE email_tokens (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         purpose text NOT NULL CHECK (purpose IN ('SIGN_IN_LINK', 'PASSWORD_RESET', 'VERIFY_EMAIL')),
         token_hash text NOT NULL UNIQUE,
         identity_id uuid NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
         email text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL,
         used_at timestamptz
       )`,
      `CREATE INDEX email_tokens_identity_idx ON email_tokens (identity_id, purpose)`,
      // Every request for an emailed token, known address or not, so the rate limit says nothing about who exists.
      `CREATE TABLE email_token_requests (
         id bigserial PRIMARY KEY,
         email text NOT NULL,
         purpose text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX email_token_requests_email_idx ON email_token_requests (email, created_at DESC)`,
      // Global: a person's other addresses. identities.email stays the primary (and verified) one.
      `CREATE TABLE identity_emails (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         identity_id uuid NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
         email text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
         verified_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (identity_id, email)
       )`,
      `CREATE UNIQUE INDEX identity_emails_verified_key ON identity_emails (email) WHERE verified_at IS NOT NULL`,
      // Which institution's SSO started a session: roles that institution enforces need it (modules/identity/enforcement.ts).
      `ALTER TABLE sessions ADD COLUMN sso_institution_id uuid REFERENCES institutions(id) ON DELETE SET NULL`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON sso_directory, sign_in_codes, email_tokens, email_token_requests, identity_emails TO infoview_app`,
      `GRANT USAGE ON SEQUENCE email_token_requests_id_seq TO infoview_app`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sessions DROP COLUMN IF EXISTS sso_institution_id`);
    for (const table of [
      "identity_emails",
      "email_token_requests",
      "email_tokens",
      "sign_in_codes",
      "sso_directory",
      "sign_in_events",
      "saml_assertion_ids",
      "sso_login_states",
      "sso_settings",
      "identity_providers",
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
