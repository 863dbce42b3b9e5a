import { randomBytes } from "node:crypto";
import Provider, { type Account } from "oidc-provider";

export interface DemoIdpAccount {
  /** What to type on the provider's login page; also the account's `sub`. */
  login: string;
  /** The campus id (the roster's externalId), sent as the custom claim `campus_id`. */
  campusId: string;
  email: string;
  name: string;
}

export interface DemoIdpOptions {
  issuer: string;
  client: { clientId: string; clientSecret: string; redirectUris: string[] };
  accounts: DemoIdpAccount[];
  /** Private signing keys (JWK); a fresh RSA key is made when left out. */
  jwks?: { keys: Array<Record<string, unknown>> };
}

/**
 * A real OpenID Provider (oidc-provider) with its own login and consent pages, for the demo (mounted under /demo-idp
 * when SEED_DEMO is on) and for the tests. Its login page takes any of the listed logins; it asks for no password,
 * so it must never be used for anything but demos and tests.
 */
export function createDemoIdp(options: DemoIdpOptions): Provider {
  const provider = new Provider(options.issuer, {
    clients: [
      {
        client_id: options.client.clientId,
        client_secret: options.client.clientSecret,
        redirect_uris: options.client.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    ...(options.jwks ? { jwks: options.jwks } : {}),
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: { openid: ["sub", "campus_id"], email: ["email", "email_verified"], profile: ["name"] },
    // The ID token carries the scopes' claims, as Entra ID, Google and Okta do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    findAccount: async (_ctx: unknown, id: string): Promise<Account | undefined> => {
      const account = options.accounts.find((a) => a.login === id);
      if (!account) return undefined;
      return {
        accountId: account.login,
        claims: () => ({ sub: account.login, campus_id: account.campusId, email: account.email, email_verified: true, name: account.name }),
      };
    },
  });
  provider.proxy = true;
  return provider;
}
