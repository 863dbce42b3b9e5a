import { randomUUID } from "node:crypto";
import {
  getNamedType,
  GraphQLID,
  GraphQLString,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLObjectType,
} from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { useTestDatabase } from "../test/database";
import { buildAdmin, buildAdvisor, buildAlumnus, buildStudent } from "../test/factories";
import { startTestServer, type GraphQLResult, type TestServer } from "../test/test-server";
import { buildApiKey } from "../modules/integrations/integrations.fixtures";
import { getSchema } from "./schema";

/**
 * Walks the whole schema: every argument and input field that holds an `ID` gets a malformed id, and every
 * one that holds text (`String`, `ID`) gets a NUL and an unpaired surrogate, as every role and as nobody.
 * Each must be refused as BAD_USER_INPUT naming that field, never INTERNAL_SERVER_ERROR — so an operation
 * added later is covered without anyone writing a test for it.
 */

const db = useTestDatabase();
let server: TestServer;
const callers: Record<string, string | null> = {};

beforeAll(async () => {
  server = await startTestServer(db());
  const admin = await buildAdmin(db());
  const institution = { id: admin.institutionId, slug: "", name: "" };
  callers.nobody = null;
  callers.student = await server.signIn(await buildStudent(db(), { institution }));
  callers.alum = await server.signIn(await buildAlumnus(db(), { institution }));
  callers.advisor = await server.signIn(await buildAdvisor(db(), { institution }));
  callers.admin = await server.signIn(admin);
  const key = await buildApiKey(
    server,
    db(),
    ["PEOPLE_READ", "PEOPLE_WRITE", "REQUESTS_READ", "REPORTS_READ", "WEBHOOKS_MANAGE"],
    institution,
  );
  callers.apiKey = key.key;
});
afterAll(() => server?.close());

type Input = GraphQLArgument | GraphQLInputField;
interface Position {
  /** Where the bad value goes: argument name, then input field names and list indexes. */
  path: Array<string | number>;
  /** The leaf is a list of ID or String: the bad value goes in as its one item. */
  list: boolean;
  uuid: boolean;
}

const wantsUuid = (input: Input) => (input.extensions as { uuid?: boolean } | undefined)?.uuid !== false;

/** A value the type accepts, for arguments the position does not go through. */
function validValue(type: GraphQLInputType, uuid: boolean): unknown {
  if (isNonNullType(type)) return validValue(type.ofType, uuid);
  if (isListType(type)) return [validValue(type.ofType, uuid)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type)) value[f.name] = validValue(f.type, wantsUuid(f));
    return value;
  }
  if (type === GraphQLID) return uuid ? randomUUID() : "technology";
  if (type === GraphQLString) return "text";
  if (type.name === "Int" || type.name === "Float") return 1;
  if (type.name === "Boolean") return false;
  if (type.name === "DateTimeISO") return new Date(Date.now() + 3 * 86_400_000).toISOString();
  throw new Error(`no test value for scalar ${type.name}: add one here`);
}

/** Every ID or String leaf under an argument or input field, each with the path to reach it. */
function positions(input: Input, path: Array<string | number>, depth = 0): Position[] {
  const nullable = isNonNullType(input.type) ? input.type.ofType : input.type;
  const list = isListType(nullable);
  const named = getNamedType(input.type);
  if (named === GraphQLID || named === GraphQLString) return [{ path, list, uuid: named === GraphQLID && wantsUuid(input) }];
  if (!isInputObjectType(named) || depth > 4) return [];
  const base = list ? [...path, 0] : path;
  return Object.values(named.getFields()).flatMap((f) => positions(f, [...base, f.name], depth + 1));
}

/** The name the refusal gives the position: inside an input object argument, without the argument's name. */
function fieldName(arg: GraphQLArgument, position: Position): string {
  const path = isInputObjectType(isNonNullType(arg.type) ? arg.type.ofType : arg.type) ? position.path.slice(1) : position.path;
  return [...path, ...(position.list ? [0] : [])].join(".");
}

/** The argument values with `bad` at the position; parents on the way are made valid around it. */
function variablesWith(field: GraphQLField<unknown, unknown>, position: Position, bad: string): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) if (isNonNullType(arg.type)) variables[arg.name] = validValue(arg.type, wantsUuid(arg));
  const { path } = position;
  let type: GraphQLInputType = field.args.find((a) => a.name === path[0])!.type;
  let holder = variables as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const next = path[i + 1];
    const named = getNamedType(type) as GraphQLInputObjectType;
    if (typeof next === "number") {
      holder[key] ??= [validValue(named, true)];
      holder = holder[key] as Record<number, unknown>;
      type = named;
      continue;
    }
    if (typeof key === "string") holder[key] ??= validValue(named, true);
    holder = holder[key] as Record<string, unknown>;
    type = named.getFields()[next].type;
  }
  holder[path[path.length - 1]] = position.list ? [bad] : bad;
  return variables;
}

function documentFor(kind: "query" | "mutation" | "subscription", field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isCompositeType(getNamedType(field.type)) ? " { __typename }" : "";
  return `${kind}(${defs}) { ${field.name}(${args})${selection} }`;
}

interface Case {
  name: string;
  kind: "query" | "mutation" | "subscription";
  query: string;
  variables: Record<string, unknown>;
  field: string;
}

async function cases(): Promise<Case[]> {
  const schema = await getSchema();
  const roots: Array<["query" | "mutation" | "subscription", GraphQLObjectType | null | undefined]> = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
    ["subscription", schema.getSubscriptionType()],
  ];
  const all: Case[] = [];
  for (const [kind, root] of roots) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const query = documentFor(kind, field);
      for (const arg of field.args) {
        for (const position of positions(arg, [arg.name])) {
          const bads = position.uuid ? ["1", "a\u0000b", "x\ud800y"] : ["a\u0000b", "x\ud800y"];
          for (const bad of bads) {
            all.push({
              name: `${field.name}(${position.path.join(".")}) = ${JSON.stringify(bad)}`,
              kind,
              query,
              variables: variablesWith(field, position, bad),
              field: fieldName(arg, position),
            });
          }
        }
      }
    }
  }
  return all;
}

async function over(kind: Case["kind"], query: string, variables: Record<string, unknown>, token: string | null): Promise<GraphQLResult> {
  if (kind !== "subscription") return server.gql(query, variables, token);
  const client = createClient({
    url: server.url.replace(/^http/, "ws") + "/graphql",
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  try {
    return await new Promise<GraphQLResult>((resolve) => {
      setTimeout(() => resolve({ errors: [{ message: "no answer within 10 s" }] }), 10_000).unref();
      client.subscribe(
        { query, variables },
        {
          next: (value) => resolve(value as GraphQLResult),
          error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: String(error) }] }),
          complete: () => resolve({}),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

it("refuses a malformed id, a NUL and an unpaired surrogate in every argument, as every caller, with BAD_USER_INPUT", async () => {
  const all = await cases();
  // The walk reaches the operations the issue named, inputs included.
  const names = new Set(all.map((c) => c.name.split("(")[0]));
  for (const op of [
    "revokeInvitation",
    "rotateApiKey",
    "webhookDeliveries",
    "requestInterview",
    "alumniDirectory",
    "createApiKey",
    "publishConsentText",
    "importProgress",
  ]) {
    expect(names).toContain(op);
  }
  expect(all.length).toBeGreaterThan(300);

  const failures: string[] = [];
  for (const [who, token] of Object.entries(callers)) {
    for (let i = 0; i < all.length; i += 16) {
      await Promise.all(
        all.slice(i, i + 16).map(async (c) => {
          const result = await over(c.kind, c.query, c.variables, token);
          const error = result.errors?.[0];
          const code = error?.extensions?.code;
          const fields = (error?.extensions?.fields as Array<{ field: string }> | undefined)?.map((f) => f.field) ?? [];
          if (code !== "BAD_USER_INPUT" || !fields.includes(c.field)) {
            failures.push(`${who}: ${c.name} → ${code ?? "no error"} ${JSON.stringify(fields)} (wanted ${c.field})`);
          }
        }),
      );
    }
  }
  expect(failures).toEqual([]);
}, 300_000);
