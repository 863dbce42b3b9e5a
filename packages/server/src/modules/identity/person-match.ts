import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import type { Role } from "../../auth/viewer";
import { SsoFailure } from "./identity.errors";
import type { ProviderRow } from "./providers.service";
import { SAML_ATTRIBUTE_ALIASES } from "./saml-sp";

/** What a provider said about the person, whichever the protocol. */
export interface CampusLogin {
  /** OIDC: the ID token's claims. SAML: attributes (by Name and FriendlyName), plus NameID. */
  claims: Record<string, unknown>;
  email: string | null;
  emailVerified: boolean;
  displayName: string | null;
}

export interface MatchedPerson {
  identityId: string;
  email: string;
  displayName: string;
  roles: Role[];
  created: boolean;
}

const first = (value: unknown): string | null => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : null;
};

/** The value of the provider's configured matching claim or attribute (SAML friendly names and OIDs both work). */
export function matchValue(provider: Pick<ProviderRow, "matchAttribute">, login: CampusLogin): string | null {
  const name = provider.matchAttribute;
  const alias = SAML_ATTRIBUTE_ALIASES[name] ?? Object.entries(SAML_ATTRIBUTE_ALIASES).find(([, oid]) => oid === name)?.[0];
  return first(login.claims[name]) ?? (alias ? first(login.claims[alias]) : null);
}

/**
 * Finds the person a campus login belongs to, in the provider's institution (the transaction is scoped to it): by the
 * roster's externalId; then, only when the admin turned it on, by a verified email; then, only when the admin turned
 * it on, by creating the person. Throws SSO_NOT_LINKED (with the value received) when none applies.
 */
export async function matchPerson(m: EntityManager, provider: ProviderRow, login: CampusLogin, create: boolean): Promise<MatchedPerson> {
  const value = matchValue(provider, login);
  if (!value) throw new SsoFailure("SSO_ATTRIBUTE_MISSING", `no "${provider.matchAttribute}" in what the provider sent`);
  let ids = await sqlRows<{ id: string }>(
    m,
    `SELECT DISTINCT identity_id AS id FROM memberships WHERE external_id = $1 AND deactivated_at IS NULL`,
    [value],
  );
  if (ids.length === 0 && provider.matchByVerifiedEmail && login.email && login.emailVerified) {
    ids = await sqlRows<{ id: string }>(
      m,
      `SELECT DISTINCT ms.identity_id AS id FROM memberships ms JOIN identities i ON i.id = ms.identity_id
        WHERE ms.deactivated_at IS NULL
          AND (i.email = $1 OR EXISTS (SELECT 1 FROM identity_emails e WHERE e.identity_id = i.id AND e.email = $1 AND e.verified_at IS NOT NULL))`,
      [login.email.toLowerCase()],
    );
  }
  if (ids.length > 1) throw new SsoFailure("SSO_AMBIGUOUS", value);
  if (ids.length === 0) {
    if (!create || !provider.createPeopleRole || !login.email) throw new SsoFailure("SSO_NOT_LINKED", value);
    return createPerson(m, provider, login, value);
  }
  return describe(m, ids[0].id, false);
}

async function createPerson(m: EntityManager, provider: ProviderRow, login: CampusLogin, value: string): Promise<MatchedPerson> {
  const email = login.email!.toLowerCase();
  // An existing account with that address is not taken over: linking by email is the admin's separate choice.
  const taken = await sqlRows(m, `SELECT 1 FROM identities WHERE email = $1`, [email]);
  if (taken.length > 0) throw new SsoFailure("SSO_NOT_LINKED", value);
  const [identity] = await sqlRows<{ id: string }>(m, `INSERT INTO identities (email, display_name) VALUES ($1, $2) RETURNING id`, [
    email,
    (login.displayName ?? email.split("@")[0]).slice(0, 120),
  ]);
  await m.query(`INSERT INTO memberships (institution_id, identity_id, role, external_id) VALUES ($1, $2, $3, $4)`, [
    provider.institutionId,
    identity.id,
    provider.createPeopleRole,
    value,
  ]);
  return { ...(await describe(m, identity.id, true)) };
}

async function describe(m: EntityManager, identityId: string, created: boolean): Promise<MatchedPerson> {
  const [row] = await sqlRows<{ email: string; displayName: string; roles: Role[] }>(
    m,
    `SELECT i.email, i.display_name AS "displayName",
            coalesce(array_agg(ms.role ORDER BY ms.role) FILTER (WHERE ms.deactivated_at IS NULL), '{}') AS roles
       FROM identities i LEFT JOIN memberships ms ON ms.identity_id = i.id
      WHERE i.id = $1 GROUP BY i.id`,
    [identityId],
  );
  return { identityId, email: row.email, displayName: row.displayName, roles: row.roles, created };
}
