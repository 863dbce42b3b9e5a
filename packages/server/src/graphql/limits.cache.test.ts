import { parse, type GraphQLSchema } from "graphql";
import { loadConfig } from "../config";
import { checkBatch, checkOperation, DocumentCache, type LimitSettings } from "./limits";
import { getSchema } from "./schema";

/**
 * The gate's document cache (ADR 0026): a text is parsed and validated once, but every request still gets the checks
 * that depend on its variables, refusals stay refusals, and the cache never grows past its bounds.
 */

const config = loadConfig({
  NODE_ENV: "test",
  JWT_SECRET: "test-secret-that-is-long-enough-0123456789",
  DATA_DIR: "/tmp/infoview-test-data",
});

const PAGE = `query Page($n: Int!) { alumniDirectory(first: $n) { edges { node { membershipId displayName } } } }`;

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await getSchema();
});

const codes = (checked: { errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) =>
  checked.errors.map((e) => e.extensions?.code);

describe("DocumentCache", () => {
  it("parses and validates a text once: the second request gets the same document", () => {
    const cache = new DocumentCache();
    const first = checkOperation(schema, config.api, { query: PAGE, variables: { n: 5 } }, cache);
    const second = checkOperation(schema, config.api, { query: PAGE, variables: { n: 6 } }, cache);
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
    expect(second.document).toBe(first.document);
    expect(cache.size).toBe(1);
  });

  it("checks the variables of every request: page size and cost are measured again for a cached text", () => {
    // The cost of PAGE is 3n (the page, its edges, their nodes).
    const settings: LimitSettings = { ...config.api, maxCost: 100 };
    const cache = new DocumentCache();
    expect(codes(checkOperation(schema, settings, { query: PAGE, variables: { n: 20 } }, cache))).toEqual([]);
    // Over the field's page size (BAD_USER_INPUT naming `first`), then over the cost, then fine again: the same text.
    const tooBig = checkOperation(schema, settings, { query: PAGE, variables: { n: 1000 } }, cache);
    expect(codes(tooBig)).toContain("BAD_USER_INPUT");
    expect(codes(checkOperation(schema, settings, { query: PAGE, variables: { n: 60 } }, cache))).toEqual(["QUERY_TOO_COSTLY"]);
    const ok = checkOperation(schema, settings, { query: PAGE, variables: { n: 10 } }, cache);
    expect(ok.errors).toEqual([]);
    expect(ok.cost).toBe(30);
    expect(cache.size).toBe(1);
  });

  it("refuses a too-deep, too-costly or invalid document every time it is sent, not only the first", () => {
    const settings: LimitSettings = { ...config.api, maxDepth: 2 };
    const cache = new DocumentCache();
    const deep = `{ alumniDirectory(first: 1) { edges { node { membershipId } } } }`;
    const invalid = `{ alumniDirectory(first: 1) { nope } }`;
    const syntax = `{ alumniDirectory(first: 1) { `;
    const bracketed = `{ a ${"{".repeat(100)}${"}".repeat(100)} }`;
    for (let i = 0; i < 3; i++) {
      expect(codes(checkOperation(schema, settings, { query: deep }, cache))).toEqual(["QUERY_TOO_DEEP"]);
      expect(codes(checkOperation(schema, config.api, { query: invalid }, cache))).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
      expect(codes(checkOperation(schema, config.api, { query: syntax }, cache))).toEqual(["GRAPHQL_PARSE_FAILED"]);
      expect(codes(checkOperation(schema, config.api, { query: bracketed }, cache))).toEqual(["QUERY_TOO_DEEP"]);
    }
    // Costly without variables: measured once, refused every time.
    const costly = `{ alumniDirectory(first: 100) { edges { node { membershipId } } } }`;
    for (let i = 0; i < 2; i++) {
      expect(codes(checkOperation(schema, { ...config.api, maxCost: 50 }, { query: costly }, cache))).toEqual(["QUERY_TOO_COSTLY"]);
    }
  });

  it("keeps the cached answer intact when a batch adds its own error", () => {
    const cache = new DocumentCache();
    const query = `{ alumniDirectory(first: 10) { edges { node { membershipId } } } }`; // cost 30
    const settings = { ...config.api, maxCost: 50, maxBatch: 5 };
    const batch = checkBatch(schema, settings, [{ query }, { query }], cache);
    expect(codes(batch[0])).toEqual(["QUERY_TOO_COSTLY"]);
    // The batch's refusal is not remembered as the document's: alone, the same text passes.
    expect(checkOperation(schema, settings, { query }, cache).errors).toEqual([]);
  });

  it("is bounded by entries and by characters, dropping the least recently used first", () => {
    const cache = new DocumentCache(3, 10_000);
    const text = (i: number) => `{ __typename ${" ".repeat(i)}}`;
    for (let i = 0; i < 3; i++) checkOperation(schema, config.api, { query: text(i) }, cache);
    checkOperation(schema, config.api, { query: text(0) }, cache); // 0 used again: 1 is now the oldest
    checkOperation(schema, config.api, { query: text(3) }, cache);
    expect(cache.size).toBe(3);
    expect(cache.get(text(1))).toBeUndefined();
    expect(cache.get(text(0))).toBeDefined();

    const byChars = new DocumentCache(1000, 10_000);
    for (let i = 0; i < 200; i++) checkOperation(schema, config.api, { query: `{ __typename } # ${"x".repeat(90)} ${i}` }, byChars);
    expect(byChars.size).toBeLessThan(110);
    // A text longer than a hundredth of the budget is checked but never kept.
    const long = `{ __typename } # ${"y".repeat(200)}`;
    expect(checkOperation(schema, config.api, { query: long }, byChars).errors).toEqual([]);
    expect(byChars.get(long)).toBeUndefined();
  });

  it("hands Apollo only documents the gate validated", async () => {
    const cache = new DocumentCache();
    const valid = `{ __typename }`;
    const invalid = `{ nope }`;
    const deep = `{ alumniDirectory(first: 1) { edges { node { membershipId } } } }`;
    checkOperation(schema, config.api, { query: valid }, cache);
    checkOperation(schema, config.api, { query: invalid }, cache);
    checkOperation(schema, { ...config.api, maxDepth: 2 }, { query: deep }, cache);
    const key = (text: string) => `schemahash:${cache.get(text)!.hash}`;
    expect(await cache.apolloStore.get(key(valid))).toEqual(parse(valid));
    expect(await cache.apolloStore.get(key(invalid))).toBeUndefined();
    // Refused by a limit before validation ran: not validated, so not handed over.
    expect(await cache.apolloStore.get(key(deep))).toBeUndefined();
    expect(await cache.apolloStore.get(`schemahash:${"0".repeat(64)}`)).toBeUndefined();
  });
});
