import type { DataSource } from "typeorm";
import { tenantTransaction } from "../db/tenant-transaction";
import { buildAdmin, buildAlumnus, buildInstitution, buildStudent, type BuiltInstitution } from "./factories";

/** Tables that belong to no single institution. Everything else must be tenant-owned. */
export const GLOBAL_TABLES = ["migrations", "identities", "sessions", "sign_in_attempts", "career_fields", "industries"];

/**
 * An institution with at least one row in every tenant table, for the isolation tests.
 * A module that adds a tenant table adds a row for it here; the isolation test fails until it does.
 */
export async function buildInstitutionWithEveryTable(ds: DataSource): Promise<BuiltInstitution> {
  const institution = await buildInstitution(ds);
  const admin = await buildAdmin(ds, { institution });
  const student = await buildStudent(ds, { institution });
  await buildAlumnus(ds, { institution });
  await tenantTransaction(ds, { institutionId: institution.id }, async (m) => {
    await m.query(
      `INSERT INTO invitations (institution_id, email, role, token_hash, invited_by_id, expires_at)
       VALUES ($1, 'invitee-' || gen_random_uuid() || '@test.example', 'STUDENT', md5(random()::text), $2, now() + interval '1 day')`,
      [institution.id, admin.membershipId],
    );
    const [text] = await m.query(
      `INSERT INTO consent_texts (institution_id, kind, version, body) VALUES ($1, 'STUDENT_SHARE_WITH_ADVISORS', 1, 'I agree.') RETURNING id`,
      [institution.id],
    );
    await m.query(`INSERT INTO consents (institution_id, membership_id, consent_text_id, kind) VALUES ($1, $2, $3, 'STUDENT_SHARE_WITH_ADVISORS')`, [
      institution.id,
      student.membershipId,
      text.id,
    ]);
  });
  return institution;
}
