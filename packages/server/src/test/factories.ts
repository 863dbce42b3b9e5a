import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { tenantTransaction } from "../db/tenant-transaction";
import type { Role } from "../auth/viewer";
import { hashPassword } from "../modules/accounts/passwords";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | null = null;
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

const unique = () => randomUUID().slice(0, 8);

export interface BuiltInstitution {
  id: string;
  slug: string;
  name: string;
}

export interface BuiltMember {
  institutionId: string;
  identityId: string;
  membershipId: string;
  email: string;
  password: string;
  role: Role;
}

/** A new institution with default settings; every test makes its own. */
export async function buildInstitution(
  ds: DataSource,
  overrides: Partial<{ name: string; slug: string; timeZone: string }> = {},
): Promise<BuiltInstitution> {
  const id = randomUUID();
  const slug = overrides.slug ?? `test-${unique()}`;
  const name = overrides.name ?? `Test University ${slug}`;
  await tenantTransaction(ds, { institutionId: id }, (m) =>
    m.query(`INSERT INTO institutions (id, slug, name, time_zone) VALUES ($1, $2, $3, $4)`, [
      id,
      slug,
      name,
      overrides.timeZone ?? "America/New_York",
    ]),
  );
  return { id, slug, name };
}

export interface MemberOverrides {
  institution?: BuiltInstitution;
  email?: string;
  displayName?: string;
  /** Re-use an existing person (e.g. an alum of two schools). */
  identityId?: string;
  externalId?: string;
}

/** A person with a membership in the given role; creates the institution when none is given. */
export async function buildMember(ds: DataSource, role: Role, overrides: MemberOverrides = {}): Promise<BuiltMember> {
  const institution = overrides.institution ?? (await buildInstitution(ds));
  const email = overrides.email ?? `${role.toLowerCase()}-${unique()}@test.example`;
  let identityId = overrides.identityId;
  if (!identityId) {
    const hash = await testPasswordHash();
    const rows: Array<{ id: string }> = await tenantTransaction(ds, { institutionId: null }, (m) =>
      m.query(`INSERT INTO identities (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id`, [
        email,
        overrides.displayName ?? `Test ${role.toLowerCase()} ${unique()}`,
        hash,
      ]),
    );
    identityId = rows[0].id;
  }
  const membershipId = await tenantTransaction(ds, { institutionId: institution.id }, async (m) => {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO memberships (institution_id, identity_id, role, external_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [institution.id, identityId, role, overrides.externalId ?? null],
    );
    const id = rows[0].id;
    if (role === "STUDENT") {
      await m.query(
        `INSERT INTO student_profiles (membership_id, institution_id, major, class_year, pitch) VALUES ($1, $2, 'Economics', 2027, 'A test pitch.')`,
        [id, institution.id],
      );
    }
    if (role === "ALUMNUS") {
      await m.query(
        `INSERT INTO alumni_profiles (membership_id, institution_id, employer, title, industry, fields, contact_email, contact_phone)
         VALUES ($1, $2, 'Acme Analytics', 'Data Scientist', 'technology', '{data-science}', $3, '+1 555 0100')`,
        [id, institution.id, `contact-${unique()}@alum.example`],
      );
    }
    return id;
  });
  return { institutionId: institution.id, identityId, membershipId, email, password: TEST_PASSWORD, role };
}

export const buildStudent = (ds: DataSource, o: MemberOverrides = {}) => buildMember(ds, "STUDENT", o);
export const buildAlumnus = (ds: DataSource, o: MemberOverrides = {}) => buildMember(ds, "ALUMNUS", o);
export const buildAdvisor = (ds: DataSource, o: MemberOverrides = {}) => buildMember(ds, "ADVISOR", o);
export const buildAdmin = (ds: DataSource, o: MemberOverrides = {}) => buildMember(ds, "ADMIN", o);

/** A consent kind by name, e.g. "ALUMNUS_LISTED". */
type ConsentKindName = `${import("../modules/consent/consent-kind.enum").ConsentKind}`;

/** Publishes the next version of a consent text in an institution, straight to the database. */
export async function buildConsentText(
  ds: DataSource,
  institution: Pick<BuiltInstitution, "id">,
  kind: ConsentKindName,
  body = `Test consent text for ${kind}.`,
): Promise<{ id: string; version: number }> {
  const rows: Array<{ id: string; version: number }> = await tenantTransaction(ds, { institutionId: institution.id }, (m) =>
    m.query(
      `INSERT INTO consent_texts (institution_id, kind, version, body)
       SELECT $1, $2, coalesce(max(version), 0) + 1, $3 FROM consent_texts WHERE institution_id = $1 AND kind = $2
       RETURNING id, version`,
      [institution.id, kind, body],
    ),
  );
  return rows[0];
}

/** An active consent of `kind` for the member, publishing a text first when the institution has none. */
export async function buildConsent(ds: DataSource, member: BuiltMember, kind: ConsentKindName): Promise<{ id: string }> {
  const existing: Array<{ id: string }> = await tenantTransaction(ds, { institutionId: member.institutionId }, (m) =>
    m.query(`SELECT id FROM consent_texts WHERE kind = $1 ORDER BY version DESC LIMIT 1`, [kind]),
  );
  const textId = existing[0]?.id ?? (await buildConsentText(ds, { id: member.institutionId }, kind)).id;
  const rows: Array<{ id: string }> = await tenantTransaction(ds, { institutionId: member.institutionId }, (m) =>
    m.query(`INSERT INTO consent_grants (institution_id, membership_id, consent_text_id, kind) VALUES ($1, $2, $3, $4) RETURNING id`, [
      member.institutionId,
      member.membershipId,
      textId,
      kind,
    ]),
  );
  return rows[0];
}

/**
 * Withdraws the member's active consents (of one kind, or every kind) as the ledger does it: a new row per
 * withdrawal, never an update (ADR 0019). Run inside a tenant transaction: `m.query(WITHDRAW_CONSENTS_SQL, [id, kind])`.
 */
export const WITHDRAW_CONSENTS_SQL = `INSERT INTO consent_withdrawals (institution_id, consent_id, membership_id, kind, reason)
  SELECT institution_id, id, membership_id, kind, 'WITHDRAWN' FROM consents
   WHERE membership_id = $1 AND ($2::text IS NULL OR kind = $2) AND withdrawn_at IS NULL`;
