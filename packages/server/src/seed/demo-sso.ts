import type { DataSource } from "typeorm";
import { tenantTransaction } from "../db/tenant-transaction";
import type { DemoIdpAccount } from "../modules/identity/demo-idp";
import type { SecretBox } from "../modules/identity/secret-box";
import { ssoUrls } from "../modules/identity/sso-urls";

/**
 * The demo's campus sign-in: Northfield's OIDC provider is a built-in oidc-provider mounted at /demo-idp on the same
 * server (main.ts), so "Sign in with Northfield" works right after `npm start`. Demo only: its login page asks for
 * no password.
 */
export const DEMO_SSO = {
  providerId: "5eed5500-0000-4000-8000-000000000001",
  path: "/demo-idp",
  clientId: "infoview-demo",
  clientSecret: "demo-client-secret-for-the-built-in-demo-idp-only",
  /** Northfield's roster ids (memberships.external_id, see demo-seed.ts) as the campus_id claim. */
  accounts: [
    { login: "ava", campusId: "NF-S-0001", email: "ava.thompson@northfield.example", name: "Ava Thompson" },
    { login: "noah", campusId: "NF-S-0002", email: "noah.patel@northfield.example", name: "Noah Patel" },
    { login: "guest", campusId: "NF-S-9999", email: "guest@northfield.example", name: "Not On The Roster" },
  ] satisfies DemoIdpAccount[],
};

export const demoIssuer = (publicUrl: string) => `${publicUrl}${DEMO_SSO.path}`;
export const demoRedirectUri = (publicUrl: string) => ssoUrls(publicUrl, DEMO_SSO.providerId).oidcCallback;

/**
 * Configures (or, after PUBLIC_URL changed, updates) Northfield's demo provider, switched on, with domain
 * northfield.example. Does nothing when the demo's Northfield is not in this database.
 */
export async function seedDemoSso(dataSource: DataSource, publicUrl: string, secrets: SecretBox): Promise<boolean> {
  const [admin]: Array<{ id: string }> = await dataSource.query(`SELECT id FROM identities WHERE email = 'admin@northfield.example'`);
  if (!admin) return false;
  const [membership]: Array<{ institutionId: string; slug: string; name: string; id: string }> = await tenantTransaction(
    dataSource,
    { institutionId: null, identityId: admin.id },
    (m) =>
      m.query(
        `SELECT ms.id, ms.institution_id AS "institutionId", i.slug, i.name FROM memberships ms JOIN institutions i ON i.id = ms.institution_id
          WHERE ms.identity_id = $1 AND ms.role = 'ADMIN' AND i.slug = 'northfield'`,
        [admin.id],
      ),
  );
  if (!membership) return false;
  const institutionId = membership.institutionId;
  await tenantTransaction(dataSource, { institutionId }, async (m) => {
    await m.query(
      `INSERT INTO identity_providers (id, institution_id, kind, name, enabled, email_domains, match_attribute, oidc_issuer, oidc_client_id, oidc_client_secret_enc, oidc_scopes)
       VALUES ($1, $2, 'OIDC', 'Northfield', true, '{northfield.example}', 'campus_id', $3, $4, $5, 'email profile')
       ON CONFLICT (institution_id, id) DO UPDATE SET oidc_issuer = EXCLUDED.oidc_issuer, oidc_client_secret_enc = EXCLUDED.oidc_client_secret_enc`,
      [DEMO_SSO.providerId, institutionId, demoIssuer(publicUrl), DEMO_SSO.clientId, secrets.seal(DEMO_SSO.clientSecret)],
    );
    await m.query(
      `INSERT INTO sso_directory (provider_id, sso_institution_id, institution_slug, institution_name, provider_name, kind, email_domains, enabled)
       SELECT p.id, p.institution_id, $2, $3, p.name, p.kind, p.email_domains, p.enabled FROM identity_providers p WHERE p.id = $1
       ON CONFLICT (provider_id) DO UPDATE SET enabled = EXCLUDED.enabled, email_domains = EXCLUDED.email_domains`,
      [DEMO_SSO.providerId, membership.slug, membership.name],
    );
  });
  return true;
}
