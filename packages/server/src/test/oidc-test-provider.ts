import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, type JWK } from "jose";
import { createDemoIdp, type DemoIdpAccount } from "../modules/identity/demo-idp";

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Changes the ID token the token endpoint returns (then signs it again with the provider's own key), until reset. */
  tamperIdToken(change: ((claims: Record<string, unknown>) => Record<string, unknown>) | null): void;
  close(): Promise<void>;
}

const listen = (server: Server, port = 0) =>
  new Promise<number>((resolve) => server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));

/**
 * oidc-provider as a real OpenID Provider in the test process, behind a small pass-through front so a test can make it
 * misbehave (wrong issuer, audience, nonce, an expired ID token) with tokens signed by its real key.
 */
export async function startTestOidcProvider(options: {
  /** The issuer's port, when the relying party must be configured first (see freePort). */
  port?: number;
  redirectUris: string[];
  accounts: DemoIdpAccount[];
}): Promise<TestOidcProvider> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const front = createServer();
  const frontPort = await listen(front, options.port);
  const issuer = `http://127.0.0.1:${frontPort}`;
  const clientId = "infoview-test";
  const clientSecret = "test-client-secret-0123456789";
  const provider = createDemoIdp({
    issuer,
    client: { clientId, clientSecret, redirectUris: options.redirectUris },
    accounts: options.accounts,
    jwks: { keys: [jwk as unknown as Record<string, unknown>] },
  });
  const inner = createServer(provider.callback());
  const innerPort = await listen(inner);
  let tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | null = null;

  front.on("request", async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    // fetch sets Host itself; the provider trusts X-Forwarded-Host (proxy mode) to build its own URLs on the issuer.
    headers.set("x-forwarded-host", req.headers.host ?? "");
    const upstream = await fetch(`http://127.0.0.1:${innerPort}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      redirect: "manual",
    });
    let body = Buffer.from(await upstream.arrayBuffer());
    if (tamper && req.url?.startsWith("/token") && upstream.ok) {
      const json = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
      const claims = tamper(decodeJwt(String(json.id_token)) as Record<string, unknown>);
      json.id_token = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-key" }).sign(privateKey);
      body = Buffer.from(JSON.stringify(json));
    }
    const out: Record<string, string | string[]> = {};
    upstream.headers.forEach((value, key) => {
      if (!["set-cookie", "content-length", "content-encoding", "transfer-encoding", "connection"].includes(key)) out[key] = value;
    });
    const cookies = upstream.headers.getSetCookie();
    if (cookies.length > 0) out["set-cookie"] = cookies;
    out["content-length"] = String(body.length);
    res.writeHead(upstream.status, out);
    res.end(body);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    tamperIdToken(change) {
      tamper = change;
    },
    async close() {
      await Promise.all([front, inner].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
