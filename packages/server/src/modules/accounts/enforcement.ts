import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import type { Role } from "../../auth/viewer";

export interface Enforcement {
  institutionId: string;
  slug: string;
  name: string;
  roles: Role[];
}

/**
 * Where campus sign-in is required for some roles, among the institutions the person belongs to (read as that person:
 * a transaction with app.identity_id set). Enforcement counts only while the institution has a switched-on provider,
 * so switching the last one off never locks anyone out.
 */
export async function enforcementsFor(m: EntityManager): Promise<Enforcement[]> {
  return sqlRows<Enforcement>(
    m,
    `SELECT s.institution_id AS "institutionId", i.slug, i.name, s.enforced_roles AS roles
       FROM sso_settings s JOIN institutions i ON i.id = s.institution_id
      WHERE cardinality(s.enforced_roles) > 0
        AND EXISTS (SELECT 1 FROM sso_directory d WHERE d.sso_institution_id = s.institution_id AND d.enabled)`,
  );
}

/**
 * The institution a session may act in: the one asked for, or the first membership's; an institution that enforces
 * campus sign-in for one of the person's roles there is allowed only to a session started with its own SSO.
 * Returns the institution, or the enforcement that refuses it.
 */
export function pickInstitution(
  memberships: Array<{ institutionId: string; role: Role }>,
  enforcements: Enforcement[],
  asked: string | null,
  ssoInstitutionId: string | null,
): { institutionId: string } | { refusedBy: Enforcement } | null {
  const refusal = (institutionId: string): Enforcement | null => {
    if (institutionId === ssoInstitutionId) return null;
    const rule = enforcements.find((e) => e.institutionId === institutionId);
    if (!rule) return null;
    return memberships.some((ms) => ms.institutionId === institutionId && rule.roles.includes(ms.role)) ? rule : null;
  };
  const candidates = asked ? [asked] : [...new Set(memberships.map((ms) => ms.institutionId))];
  if (asked && !memberships.some((ms) => ms.institutionId === asked)) return null;
  let firstRefusal: Enforcement | null = null;
  for (const institutionId of candidates) {
    const refusedBy = refusal(institutionId);
    if (!refusedBy) return { institutionId };
    firstRefusal ??= refusedBy;
  }
  return firstRefusal ? { refusedBy: firstRefusal } : null;
}
