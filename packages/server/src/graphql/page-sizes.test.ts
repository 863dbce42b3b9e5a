import {
  execute,
  getNullableType,
  isNonNullType,
  isObjectType,
  parse,
  type GraphQLArgument,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import type { DataSource } from "typeorm";
import { loadConfig } from "../config";
import { createServices } from "../services";
import type { Viewer } from "../auth/viewer";
import type { Context } from "./context";
import { formatError } from "./errors";
import { checkOperation } from "./limits";
import type { Loaders } from "./loaders";
import { FIELD_PAGE_SIZES } from "./page-sizes";
import { getSchema } from "./schema";

/**
 * One table (page-sizes.ts) says how large a page each field gives. These tests hold the gate (limits.ts) and each
 * module's own validation (args classes, services) to it: for every field, `first: max` passes both and
 * `first: max + 1` is refused by both with BAD_USER_INPUT naming `first`. A module that writes its own number
 * instead of reading the table, or a paginated field missing from it, fails here.
 */

const config = loadConfig({
  NODE_ENV: "test",
  JWT_SECRET: "test-secret-that-is-long-enough-0123456789",
  DATA_DIR: "/tmp/infoview-test-data",
});

const ID = "00000000-0000-4000-8000-000000000001";
/** Arguments some paginated fields require besides `first`, as GraphQL literals. */
const REQUIRED_ARGS: Record<string, string> = {
  "Query.openSlots": `alumnusId: "${ID}", from: "2030-01-07T00:00:00.000Z", to: "2030-01-14T00:00:00.000Z"`,
  "Query.webhookDeliveries": `endpointId: "${ID}"`,
  "Query.consentRecords": `kind: ALUMNUS_LISTED`,
};

const queryFor = (key: string, first: number) => {
  const [, field] = key.split(".");
  const args = [REQUIRED_ARGS[key], `first: ${first}`].filter(Boolean).join(", ");
  return `{ ${field}(${args}) { __typename } }`;
};

/** Where the page-size arguments are: every field of every object type with `first` or `last`. */
function paginatedFields(schema: GraphQLSchema): Map<string, GraphQLArgument[]> {
  const found = new Map<string, GraphQLArgument[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const args = field.args.filter((a) => a.name === "first" || a.name === "last");
      if (args.length > 0) found.set(`${type.name}.${field.name}`, args);
    }
  }
  return found;
}

/**
 * Runs a query on the schema without the gate, as a viewer holding every role, over a database that is never there:
 * the first use of it is recorded and fails. A page size the module accepts therefore ends at the database.
 */
async function runInModule(schema: GraphQLSchema, query: string) {
  let databaseReached = false;
  const dataSource = new Proxy({} as DataSource, {
    get(_target, property) {
      if (property === "then") return undefined;
      databaseReached = true;
      throw new Error(`database reached (${String(property)})`);
    },
  });
  const services = createServices(dataSource, config, { send: async () => {} });
  const viewer: Viewer = {
    identityId: ID,
    institutionId: ID,
    sessionId: ID,
    roles: ["STUDENT", "ALUMNUS", "ADVISOR", "ADMIN"],
    memberships: { STUDENT: ID, ALUMNUS: ID, ADVISOR: ID, ADMIN: ID },
  };
  const contextValue: Context = { viewer, apiKey: null, requestId: "page-sizes", services, loaders: {} as Loaders };
  const result = await execute({ schema, document: parse(query), contextValue });
  const errors: GraphQLFormattedError[] = (result.errors ?? []).map((e: GraphQLError) => formatError(e.toJSON(), e));
  return { databaseReached, errors };
}

const refusesFirst = (error: GraphQLFormattedError | undefined) => ({
  code: error?.extensions?.code,
  fields: ((error?.extensions?.fields ?? []) as Array<{ field: string }>).map((f) => f.field),
});

describe("page sizes: one table for the gate and the modules", () => {
  let schema: GraphQLSchema;
  const entries = Object.entries(FIELD_PAGE_SIZES);

  beforeAll(async () => {
    schema = await getSchema();
  });

  it("lists every field that takes `first` or `last`, and only those", () => {
    expect([...paginatedFields(schema).keys()].sort()).toEqual(Object.keys(FIELD_PAGE_SIZES).sort());
  });

  it.each(entries)("%s: the schema's default for `first` is the table's", (key, size) => {
    const arg = paginatedFields(schema)
      .get(key)
      ?.find((a) => a.name === "first");
    expect(arg).toBeDefined();
    expect(arg!.defaultValue ?? null).toBe(size.default);
    // A field without a default may be left out (it then gives everything up to its maximum).
    if (size.default === null) expect(isNonNullType(arg!.type)).toBe(false);
    expect(getNullableType(arg!.type).toString()).toBe("Int");
  });

  it.each(entries)("%s: the gate accepts first = max and refuses max + 1 with BAD_USER_INPUT", (key, size) => {
    const accepted = checkOperation(schema, config.api, { query: queryFor(key, size.max) });
    expect(accepted.errors.map((e) => e.message)).toEqual([]);

    const refused = checkOperation(schema, config.api, { query: queryFor(key, size.max + 1) });
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "first" }], max: size.max, at: key });
  });

  it.each(entries)("%s: the module accepts first = max and refuses max + 1 with BAD_USER_INPUT", async (key, size) => {
    const accepted = await runInModule(schema, queryFor(key, size.max));
    expect(accepted.errors.map((e) => e.extensions?.code)).not.toContain("BAD_USER_INPUT");
    // It went on to read: the page size passed every check before the database.
    expect(accepted.databaseReached).toBe(true);

    const refused = await runInModule(schema, queryFor(key, size.max + 1));
    expect(refused.errors).toHaveLength(1);
    expect(refusesFirst(refused.errors[0])).toEqual({ code: "BAD_USER_INPUT", fields: ["first"] });
    expect(refused.databaseReached).toBe(false);
  });
});
