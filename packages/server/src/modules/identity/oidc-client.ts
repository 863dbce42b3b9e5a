import * as client from "openid-client";
import { SsoFailure } from "./identity.errors";

export interface OidcSettings {
  providerId: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  scopes: string | null;
  redirectUri: string;
  /** Plain-HTTP issuers (a local IdP in development and tests); never in production. */
  allowHttp: boolean;
}

export interface OidcStart {
  url: string;
  codeVerifier: string;
  nonce: string;
}

/** Discovery is cached per provider and settings, so a sign-in costs one round trip to the IdP less. */
const configurations = new Map<string, Promise<client.Configuration>>();

function configurationOf(settings: OidcSettings): Promise<client.Configuration> {
  const key = JSON.stringify([settings.providerId, settings.issuer, settings.clientId, settings.clientSecret]);
  let found = configurations.get(key);
  if (!found) {
    const issuer = new URL(settings.issuer);
    if (issuer.protocol === "http:" && !settings.allowHttp)
      return Promise.reject(new SsoFailure("SSO_PROVIDER_UNREACHABLE", "issuer must use https"));
    found = client
      .discovery(
        issuer,
        settings.clientId,
        settings.clientSecret ? { client_secret: settings.clientSecret } : undefined,
        settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
        { execute: issuer.protocol === "http:" ? [client.allowInsecureRequests] : [], timeout: 10 },
      )
      .catch((error: unknown) => {
        configurations.delete(key);
        throw oidcFailure(error);
      });
    configurations.set(key, found);
  }
  return found;
}

/** The authorization request: code flow with PKCE (S256), state and nonce. */
export async function startOidc(settings: OidcSettings, state: string): Promise<OidcStart> {
  const config = await configurationOf(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const scopes = new Set(["openid", ...(settings.scopes ?? "email profile").split(" ").filter(Boolean)]);
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: [...scopes].join(" "),
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.href, codeVerifier, nonce };
}

/** Trades the code for tokens and returns the ID token's claims, checked by openid-client (iss, aud, exp, nonce, state). */
export async function finishOidc(
  settings: OidcSettings,
  callbackUrl: URL,
  checks: { state: string; codeVerifier: string; nonce: string },
): Promise<Record<string, unknown>> {
  const config = await configurationOf(settings);
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new SsoFailure("SSO_RESPONSE_INVALID", "no ID token");
    return { ...claims };
  } catch (error) {
    throw oidcFailure(error);
  }
}

/** openid-client's errors, as our stable codes. */
export function oidcFailure(error: unknown): SsoFailure {
  if (error instanceof SsoFailure) return error;
  type Cause = { claim?: string; error?: string; message?: string; cause?: Cause };
  const e = error as { code?: string; message?: string; cause?: Cause } | undefined;
  // openid-client wraps oauth4webapi's error, whose own cause names the claim.
  const message = [e?.message, e?.cause?.message].filter(Boolean).join(": ");
  if (e instanceof client.AuthorizationResponseError || e?.code === "OAUTH_AUTHORIZATION_RESPONSE_ERROR")
    return new SsoFailure("SSO_IDP_ERROR", e?.cause?.error ?? null);
  const claim = e?.cause?.claim ?? e?.cause?.cause?.claim ?? /"(\w+)" /.exec(message)?.[1];
  if (/state/i.test(message) && e?.code !== "OAUTH_JWT_CLAIM_COMPARISON_FAILED") return new SsoFailure("SSO_STATE_INVALID", message);
  if (claim === "nonce") return new SsoFailure("SSO_NONCE_MISMATCH");
  if (claim === "iss") return new SsoFailure("SSO_ISSUER_MISMATCH");
  if (claim === "aud" || claim === "azp") return new SsoFailure("SSO_AUDIENCE_MISMATCH");
  if (claim === "exp" || claim === "iat" || claim === "nbf" || e?.code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED")
    return new SsoFailure("SSO_TOKEN_EXPIRED");
  if (/issuer/i.test(message)) return new SsoFailure("SSO_ISSUER_MISMATCH", message);
  if (/signature/i.test(message)) return new SsoFailure("SSO_SIGNATURE_INVALID");
  if (e?.code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || e?.code === "OAUTH_RESPONSE_IS_NOT_JSON" || e?.code === "OAUTH_RESPONSE_BODY_ERROR")
    return new SsoFailure("SSO_RESPONSE_INVALID", message);
  if (e?.code === "OAUTH_TIMEOUT" || /fetch failed|ECONNREFUSED|timeout/i.test(message)) return new SsoFailure("SSO_PROVIDER_UNREACHABLE");
  return new SsoFailure("SSO_RESPONSE_INVALID", message.slice(0, 200) || null);
}
