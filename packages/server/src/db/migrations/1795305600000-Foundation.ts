import type { MigrationInterface, QueryRunner } from "typeorm";

const ROLES = `('STUDENT','ALUMNUS','ADVISOR','ADMIN')`;
const CONSENT_KINDS = `('ALUMNUS_LISTED','ALUMNUS_CONTACT','ALUMNUS_SHARE_CONTACT','STUDENT_SHARE_WITH_ALUMNI','STUDENT_SHARE_WITH_ADVISORS')`;

export class Foundation1795305600000 implements MigrationInterface {
  name = "Foundation1795305600000";

  async up(db: QueryRunner): Promise<void> {
    const run = async (statements: string[]) => {
      for (const sql of statements) await db.query(sql);
    };
    await run([
      `CREATE EXTENSION IF NOT EXISTS btree_gist`,
      `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'infoview_app') THEN
           CREATE ROLE infoview_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
         END IF;
       END $$`,
      // PostgreSQL 16+ grants a role back to a non-superuser creator without SET: ask for it.
      `DO $$ BEGIN
         IF current_setting('server_version_num')::int >= 160000 THEN
           IF NOT pg_has_role(current_user, 'infoview_app', 'SET') THEN
             EXECUTE format('GRANT infoview_app TO %I WITH SET TRUE', current_user);
           END IF;
         ELSIF NOT pg_has_role(current_user, 'infoview_app', 'MEMBER') THEN
           EXECUTE format('GRANT infoview_app TO %I', current_user);
         END IF;
       END $$`,
      `GRANT USAGE ON SCHEMA public TO infoview_app`,

      // Global: identities and their sessions belong to a person, not to one institution.
      `CREATE TABLE identities (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         email text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
         password_hash text,
         display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE UNIQUE INDEX identities_email_key ON identities (email)`,
      `CREATE TABLE sessions (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         identity_id uuid NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
         refresh_token_hash text NOT NULL UNIQUE,
         created_at timestamptz NOT NULL DEFAULT now(),
         last_used_at timestamptz NOT NULL DEFAULT now(),
         expires_at timestamptz NOT NULL,
         revoked_at timestamptz
       )`,
      `CREATE INDEX sessions_identity_idx ON sessions (identity_id)`,
      `CREATE TABLE sign_in_attempts (
         id bigserial PRIMARY KEY,
         email text NOT NULL,
         succeeded boolean NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX sign_in_attempts_email_idx ON sign_in_attempts (email, created_at DESC)`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON identities, sessions, sign_in_attempts TO infoview_app`,
      `GRANT USAGE ON SEQUENCE sign_in_attempts_id_seq TO infoview_app`,

      // Global taxonomy, read-only for the app.
      `CREATE TABLE career_fields (id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]+$'), name text NOT NULL UNIQUE)`,
      `CREATE TABLE industries (id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]+$'), name text NOT NULL UNIQUE)`,
      `GRANT SELECT ON career_fields, industries TO infoview_app`,

      // The tenant root. A person sees the institutions they belong to.
      `CREATE TABLE institutions (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,63}$'),
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         time_zone text NOT NULL DEFAULT 'America/New_York',
         meeting_minutes int NOT NULL DEFAULT 30 CHECK (meeting_minutes BETWEEN 15 AND 60),
         request_expiry_days int NOT NULL DEFAULT 7 CHECK (request_expiry_days BETWEEN 1 AND 60),
         thank_you_days int NOT NULL DEFAULT 2 CHECK (thank_you_days BETWEEN 1 AND 14),
         follow_up_days int NOT NULL DEFAULT 45 CHECK (follow_up_days BETWEEN 7 AND 180),
         max_open_requests_per_student int NOT NULL DEFAULT 5 CHECK (max_open_requests_per_student BETWEEN 1 AND 50),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,

      `CREATE TABLE memberships (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         identity_id uuid NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
         role text NOT NULL CHECK (role IN ${ROLES}),
         external_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (institution_id, identity_id, role)
       )`,
      `CREATE INDEX memberships_institution_role_idx ON memberships (institution_id, role)`,
      `CREATE INDEX memberships_identity_idx ON memberships (identity_id)`,
      `CREATE UNIQUE INDEX memberships_external_id_key ON memberships (institution_id, role, external_id) WHERE external_id IS NOT NULL`,
      `ALTER TABLE memberships ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE memberships FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY memberships_tenant_read ON memberships FOR SELECT USING ((institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid) OR identity_id = (SELECT nullif(current_setting('app.identity_id', true), '')::uuid)))`,
      `CREATE POLICY memberships_tenant_write ON memberships FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO infoview_app`,

      `ALTER TABLE institutions ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE institutions FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY institutions_tenant_read ON institutions FOR SELECT USING (
         id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)
         OR id IN (SELECT m.institution_id FROM memberships m WHERE m.identity_id = (SELECT nullif(current_setting('app.identity_id', true), '')::uuid)))`,
      `CREATE POLICY institutions_tenant_write ON institutions FOR UPDATE USING (id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      // Creating an institution is a platform step: the caller scopes itself to the new id first.
      `CREATE POLICY institutions_tenant_insert ON institutions FOR INSERT WITH CHECK (id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE ON institutions TO infoview_app`,

      `CREATE TABLE invitations (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         email text NOT NULL CHECK (email = lower(email)),
         role text NOT NULL CHECK (role IN ${ROLES}),
         token_hash text NOT NULL UNIQUE,
         invited_by_id uuid REFERENCES memberships(id) ON DELETE SET NULL,
         expires_at timestamptz NOT NULL,
         accepted_at timestamptz,
         revoked_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX invitations_institution_email_idx ON invitations (institution_id, email)`,
      `ALTER TABLE invitations ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE invitations FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY invitations_tenant_read ON invitations FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY invitations_tenant_write ON invitations FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON invitations TO infoview_app`,

      `CREATE TABLE student_profiles (
         membership_id uuid PRIMARY KEY REFERENCES memberships(id) ON DELETE CASCADE,
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         major text,
         class_year int CHECK (class_year BETWEEN 1900 AND 2100),
         fields text[] NOT NULL DEFAULT '{}',
         industries text[] NOT NULL DEFAULT '{}',
         locations text[] NOT NULL DEFAULT '{}',
         pitch text NOT NULL DEFAULT '' CHECK (length(pitch) <= 600),
         links text[] NOT NULL DEFAULT '{}',
         first_generation boolean NOT NULL DEFAULT false,
         advisor_id uuid REFERENCES memberships(id) ON DELETE SET NULL,
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX student_profiles_institution_idx ON student_profiles (institution_id, class_year)`,
      `CREATE INDEX student_profiles_advisor_idx ON student_profiles (institution_id, advisor_id)`,
      `ALTER TABLE student_profiles ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE student_profiles FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY student_profiles_tenant_read ON student_profiles FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY student_profiles_tenant_write ON student_profiles FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON student_profiles TO infoview_app`,

      `CREATE TABLE alumni_profiles (
         membership_id uuid PRIMARY KEY REFERENCES memberships(id) ON DELETE CASCADE,
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         employer text,
         title text,
         industry text REFERENCES industries(id) ON DELETE SET NULL,
         fields text[] NOT NULL DEFAULT '{}',
         location text,
         class_year int CHECK (class_year BETWEEN 1900 AND 2100),
         major text,
         topics text[] NOT NULL DEFAULT '{}',
         modalities text[] NOT NULL DEFAULT '{VIDEO}' CHECK (modalities <@ ARRAY['PHONE','VIDEO','IN_PERSON']),
         monthly_capacity int NOT NULL DEFAULT 4 CHECK (monthly_capacity BETWEEN 0 AND 50),
         paused boolean NOT NULL DEFAULT false,
         bio text NOT NULL DEFAULT '' CHECK (length(bio) <= 2000),
         time_zone text NOT NULL DEFAULT 'America/New_York',
         first_generation boolean NOT NULL DEFAULT false,
         contact_email text,
         contact_phone text,
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX alumni_profiles_institution_idx ON alumni_profiles (institution_id, industry)`,
      `CREATE INDEX alumni_profiles_fields_idx ON alumni_profiles USING gin (fields)`,
      `ALTER TABLE alumni_profiles ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE alumni_profiles FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY alumni_profiles_tenant_read ON alumni_profiles FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY alumni_profiles_tenant_write ON alumni_profiles FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON alumni_profiles TO infoview_app`,

      `CREATE TABLE consent_texts (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         kind text NOT NULL CHECK (kind IN ${CONSENT_KINDS}),
         version int NOT NULL CHECK (version > 0),
         body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
         created_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (institution_id, kind, version)
       )`,
      `ALTER TABLE consent_texts ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE consent_texts FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY consent_texts_tenant_read ON consent_texts FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY consent_texts_tenant_write ON consent_texts FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON consent_texts TO infoview_app`,

      `CREATE TABLE consents (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         institution_id uuid NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
         membership_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
         consent_text_id uuid NOT NULL REFERENCES consent_texts(id) ON DELETE RESTRICT,
         kind text NOT NULL CHECK (kind IN ${CONSENT_KINDS}),
         given_at timestamptz NOT NULL DEFAULT now(),
         withdrawn_at timestamptz,
         CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at)
       )`,
      `CREATE UNIQUE INDEX consents_one_active_idx ON consents (institution_id, membership_id, kind) WHERE withdrawn_at IS NULL`,
      `CREATE INDEX consents_membership_idx ON consents (institution_id, membership_id, given_at DESC)`,
      `ALTER TABLE consents ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE consents FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY consents_tenant_read ON consents FOR SELECT USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `CREATE POLICY consents_tenant_write ON consents FOR ALL USING (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid)) WITH CHECK (institution_id = (SELECT nullif(current_setting('app.institution_id', true), '')::uuid))`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON consents TO infoview_app`,
    ]);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      "consents",
      "consent_texts",
      "alumni_profiles",
      "student_profiles",
      "invitations",
      "memberships",
      "institutions",
      "industries",
      "career_fields",
      "sign_in_attempts",
      "sessions",
      "identities",
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
  }
}
