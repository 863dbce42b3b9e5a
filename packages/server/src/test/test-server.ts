import "reflect-metadata";
import type { DataSource } from "typeorm";
import { loadConfig, type Config } from "../config";
import { createApp, type App } from "../http/server";
import { createLogger } from "../logger";
import type { Mailer, MailMessage } from "../modules/notifications/mailer";
import { createServices, type Services } from "../services";
import type { BuiltMember } from "./factories";

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; [k: string]: unknown } }>;
}

/** Keeps sent mail in memory so tests can read invitation links. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
}

export interface TestServer {
  url: string;
  config: Config;
  services: Services;
  mailer: MemoryMailer;
  app: App;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResult<T>>;
  signIn(member: Pick<BuiltMember, "email" | "password" | "institutionId">): Promise<string>;
  close(): Promise<void>;
}

export const testConfig = (overrides: Record<string, string> = {}): Config =>
  loadConfig({
    NODE_ENV: "test",
    JWT_SECRET: "test-secret-that-is-long-enough-0123456789",
    SECRETS_KEY: "dGVzdC1zZWNyZXRzLWtleS0zMi1ieXRlcy1sb25nISE=",
    PORT: "0",
    DATA_DIR: "/tmp/infoview-test-data",
    // Suites sign in many times from one address; tests/api/abuse.test.ts sets low limits of its own.
    RATE_LIMIT_PER_MINUTE: "1000000",
    RATE_LIMIT_ANON_PER_MINUTE: "1000000",
    // Test webhook receivers listen on loopback; webhooks.test.ts checks the guard with it off.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
    ...overrides,
  });

/** The real HTTP server on a free port, over the given test database. */
export async function startTestServer(dataSource: DataSource, env: Record<string, string> = {}): Promise<TestServer> {
  const config = testConfig(env);
  const mailer = new MemoryMailer();
  const services = createServices(dataSource, config, mailer);
  const app = await createApp({ config, dataSource, services, logger: createLogger("silent") });
  // A test that gives PORT (and PUBLIC_URL) gets that port: campus sign-in needs its callback URLs before it starts.
  const port = await app.listen(config.port, "127.0.0.1");
  const url = `http://127.0.0.1:${port}`;
  const gql: TestServer["gql"] = async (query, variables = {}, token = null) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<any>;
  };
  return {
    url,
    config,
    services,
    mailer,
    app,
    gql,
    async signIn(member) {
      const result = await gql<{ signIn: { accessToken: string } }>(
        `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`,
        { input: { email: member.email, password: member.password, institutionId: member.institutionId } },
      );
      if (!result.data?.signIn) throw new Error(`sign-in failed: ${JSON.stringify(result.errors)}`);
      return result.data.signIn.accessToken;
    },
    async close() {
      await app.close();
      await new Promise<void>((resolve) => app.httpServer.close(() => resolve()));
    },
  };
}

/** The error code of the first error, for the four-case resolver tests. */
export const errorCode = (result: GraphQLResult): string | undefined => result.errors?.[0]?.extensions?.code as string | undefined;
