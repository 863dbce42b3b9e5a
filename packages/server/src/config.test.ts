import { ConfigError, loadConfig } from "./config";

const SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
const base = { JWT_SECRET: "x".repeat(40), SECRETS_KEY, DATA_DIR: "/tmp/infoview-config-test" };

describe("configuration", () => {
  it("uses sensible defaults", () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      port: 4000,
      databaseUrl: null,
      dbPoolSize: 10,
      seedDemo: true,
      smtpUrl: null,
      publicUrl: "http://localhost:4000",
    });
  });

  it.each([
    ["PORT", "eighty", /PORT must be a whole number/],
    ["PORT", "70000", /PORT must be between 0 and 65535/],
    ["DATABASE_URL", "mysql://x@y/z", /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//],
    ["DATABASE_URL", "not a url", /DATABASE_URL is not a valid URL/],
    ["SMTP_URL", "http://mail", /SMTP_URL must start with smtp:/],
    ["SEED_DEMO", "maybe", /SEED_DEMO must be true or false/],
    ["JWT_SECRET", "short", /JWT_SECRET must be at least 32 characters/],
    ["SECRETS_KEY", "too-short", /SECRETS_KEY must be 32 random bytes in base64/],
    ["SECRETS_KEY_PREVIOUS", `${SECRETS_KEY},nope`, /SECRETS_KEY_PREVIOUS must be 32 random bytes/],
    ["NODE_ENV", "staging", /NODE_ENV must be development, production or test/],
  ])("stops on a bad %s and names it", (name, value, message) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(message);
    try {
      loadConfig({ ...base, [name]: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(name);
    }
  });

  it("turns introspection off in production unless GRAPHQL_INTROSPECTION says otherwise", () => {
    expect(loadConfig(base).api.introspection).toBe(true);
    expect(loadConfig({ ...base, NODE_ENV: "production" }).api.introspection).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: "production", GRAPHQL_INTROSPECTION: "true" }).api.introspection).toBe(true);
    expect(loadConfig({ ...base, GRAPHQL_INTROSPECTION: "off" }).api.introspection).toBe(false);
    expect(() => loadConfig({ ...base, GRAPHQL_MAX_DEPTH: "1" })).toThrow(/GRAPHQL_MAX_DEPTH must be between 2 and 100/);
  });

  it("requires a secrets key in production, and keeps one in the data folder otherwise", () => {
    expect(() => loadConfig({ NODE_ENV: "production", JWT_SECRET: base.JWT_SECRET, DATA_DIR: base.DATA_DIR })).toThrow(
      /SECRETS_KEY must be set in production/,
    );
    const first = loadConfig({ JWT_SECRET: base.JWT_SECRET, DATA_DIR: base.DATA_DIR }).secretsKey;
    expect(first).toHaveLength(32);
    expect(loadConfig({ JWT_SECRET: base.JWT_SECRET, DATA_DIR: base.DATA_DIR }).secretsKey).toEqual(first);
  });

  it("requires a JWT secret in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DATA_DIR: base.DATA_DIR })).toThrow(/JWT_SECRET must be set in production/);
  });
});
