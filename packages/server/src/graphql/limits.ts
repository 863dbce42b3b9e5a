import { createHash } from "node:crypto";
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  NoSchemaIntrospectionCustomRule,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import type { ApiLimits } from "../config";
import { AppError } from "./errors";
import { FIELD_PAGE_SIZES } from "./page-sizes";

/**
 * Abuse limits, checked on the parsed document before anything else runs (no context, no session
 * look-up, no SQL): over HTTP by the gate in http/graphql-http.ts, over WebSocket in onSubscribe.
 *
 * - depth: nesting of fields (fragments expanded; introspection fields too);
 * - aliases: aliased fields in the expanded operation (a fragment spread twice counts twice);
 * - cost: every object field costs the number of objects it can produce. A field with `first` counts as
 *   `first` objects and multiplies what is under it by `first` (the page it returns); any other list of
 *   objects by DEFAULT_LIST_SIZE, except the page's own list (a connection's `edges`), already counted by `first`;
 * - page size: `first`/`last` at most the field's max in page-sizes.ts (which the modules validate too; maxPageSize
 *   for a field not listed there), refused
 *   as BAD_USER_INPUT naming the argument, like the resolvers' own validation;
 * - tokens: parse() stops after maxTokens tokens, so a huge document costs little to refuse;
 * - nesting: before parse() (which recurses once per bracket), brackets nested deeper than the depth limit
 *   leaves room for are refused as QUERY_TOO_DEEP, so no document can exhaust the stack.
 */
export type LimitSettings = Pick<ApiLimits, "maxDepth" | "maxAliases" | "maxCost" | "maxPageSize" | "maxTokens" | "introspection">;

/** Lists of objects with no page argument are assumed to hold this many items. */
export const DEFAULT_LIST_SIZE = 10;

const PAGE_ARGS = ["first", "last"];

export interface OperationRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

export interface CheckedOperation {
  document: DocumentNode | null;
  operation: OperationDefinitionNode | null;
  errors: GraphQLError[];
  /** The computed cost (0 when the document did not parse). */
  cost: number;
  /** The operation's root fields, fragments expanded (empty when it was not measured). */
  rootFields: string[];
}

export const limitError = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  new AppError(code, message, extensions);

export interface Measures {
  depth: number;
  aliases: number;
  cost: number;
  pageErrors: GraphQLError[];
  /** Names of the root fields, fragments expanded. */
  rootFields: string[];
  /** Stopped early: the expanded document is larger than maxCost fields. */
  truncated: boolean;
}

function intValue(node: ValueNode | undefined, variables: Record<string, unknown>, defaults: Map<string, unknown>): number | null {
  if (!node) return null;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value;
    const value = name in variables ? variables[name] : defaults.get(name);
    return typeof value === "number" ? value : null;
  }
  return null;
}

function literal(node: ValueNode | undefined): unknown {
  if (node?.kind === Kind.INT) return Number(node.value);
  return undefined;
}

/** Depth, aliases, cost and page sizes of one operation, fragments expanded. */
export function measure(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  settings: Pick<LimitSettings, "maxCost" | "maxPageSize">,
): Measures {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const defaults = new Map<string, unknown>();
  for (const v of operation.variableDefinitions ?? []) defaults.set(v.variable.name.value, literal(v.defaultValue));
  const root =
    operation.operation === "query"
      ? schema.getQueryType()
      : operation.operation === "mutation"
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const m: Measures = { depth: 0, aliases: 0, cost: 0, pageErrors: [], rootFields: [], truncated: false };
  let visited = 0;
  const active = new Set<string>();

  const pageSize = (parent: GraphQLCompositeType, field: FieldNode, def: GraphQLField<unknown, unknown>): number | null => {
    let size: number | null = null;
    for (const name of PAGE_ARGS) {
      const argDef = def.args.find((a) => a.name === name);
      if (!argDef) continue;
      const node = field.arguments?.find((a) => a.name.value === name)?.value;
      const value = node ? intValue(node, variables, defaults) : typeof argDef.defaultValue === "number" ? argDef.defaultValue : null;
      const max = FIELD_PAGE_SIZES[`${parent.name}.${def.name}`]?.max ?? settings.maxPageSize;
      // A variable left unset with no default: the field's own maximum is what it may return.
      const effective = value ?? max;
      if (effective > max && m.pageErrors.length === 0) {
        // The code and shape of the resolvers' own argument validation (BAD_USER_INPUT naming the argument).
        const message = `Ask for 1 to ${max} items at a time.`;
        m.pageErrors.push(
          limitError("BAD_USER_INPUT", `${name}: ${message}`, {
            fields: [{ field: name, message }],
            max,
            at: `${parent.name}.${def.name}`,
          }),
        );
      }
      size = Math.max(size ?? 0, effective);
    }
    return size;
  };

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, depth: number, mult: number, pageOpen: boolean): void => {
    for (const selection of set.selections) {
      if (m.truncated) return;
      if (++visited > settings.maxCost) {
        m.truncated = true;
        return;
      }
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (depth === 0) m.rootFields.push(name);
        if (selection.alias) m.aliases += 1;
        if (name === "__typename") continue;
        // Introspection counts like any other field: its types nest as deep as a client asks (ofType { ofType { … } }).
        const def =
          name === "__schema"
            ? SchemaMetaFieldDef
            : name === "__type"
              ? TypeMetaFieldDef
              : "getFields" in parent
                ? parent.getFields()[name]
                : undefined;
        if (!def) continue; // unknown field: standard validation reports it
        m.depth = Math.max(m.depth, depth + 1);
        const type = getNamedType(def.type);
        const size = pageSize(parent, selection, def);
        if (!isCompositeType(type) || !selection.selectionSet) continue;
        let childMult = mult;
        let childPageOpen = pageOpen;
        if (size !== null) {
          childMult = mult * Math.max(size, 1);
          childPageOpen = true;
        } else if (isListType(getNullableType(def.type))) {
          childMult = pageOpen ? mult : mult * DEFAULT_LIST_SIZE;
          childPageOpen = false;
        }
        m.cost += childMult;
        if (m.cost > settings.maxCost) {
          m.truncated = true;
          return;
        }
        walk(selection.selectionSet, type, depth + 1, childMult, childPageOpen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        walk(selection.selectionSet, type && isCompositeType(type) ? type : parent, depth, mult, pageOpen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || active.has(name)) continue; // unknown or cyclic: standard validation reports it
        const type = schema.getType(fragment.typeCondition.name.value);
        active.add(name);
        walk(fragment.selectionSet, type && isCompositeType(type) ? type : parent, depth, mult, pageOpen);
        active.delete(name);
      }
    }
  };
  if (root) walk(operation.selectionSet, root, 0, 1, false);
  return m;
}

const SUGGESTION = /\s*Did you mean .*\?$/;

/** Drops "Did you mean …?" from validation messages, so that errors do not spell out the schema. */
export function withoutSuggestions(error: GraphQLError): GraphQLError {
  if (!SUGGESTION.test(error.message)) return error;
  return new GraphQLError(error.message.replace(SUGGESTION, ""), { nodes: error.nodes, extensions: error.extensions });
}

function validationFailed(error: GraphQLError, introspection: boolean): GraphQLError {
  const shown = introspection ? error : withoutSuggestions(error);
  return new GraphQLError(shown.message, { nodes: shown.nodes, extensions: { ...shown.extensions, code: "GRAPHQL_VALIDATION_FAILED" } });
}

/**
 * Brackets (`{`, `[`, `(`) a document may nest: its selections (maxDepth, plus the operation's own braces)
 * and, inside the deepest one, arguments with input objects and lists.
 */
export const bracketLimit = (maxDepth: number): number => maxDepth + 32;

/**
 * How deep the document's brackets nest, strings and comments skipped, stopping once past `limit`: a plain
 * loop over the text, before parse() would recurse once per level.
 */
export function bracketDepth(source: string, limit: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x23 /* # */) {
      while (i < source.length && source[i] !== "\n" && source[i] !== "\r") i++;
    } else if (c === 0x22 /* " */) {
      if (source.startsWith('"""', i)) {
        i += 3;
        while (i < source.length && !source.startsWith('"""', i)) i += source.startsWith('\\"""', i) ? 4 : 1;
        i += 2;
      } else {
        i++;
        while (i < source.length && source[i] !== '"' && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
      }
    } else if (c === 0x7b || c === 0x5b || c === 0x28) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x7d || c === 0x5d || c === 0x29) {
      depth--;
    }
  }
  return max;
}

/**
 * What the gate learnt about one document text, whatever the variables: the parsed document (or the refusal of the
 * text: brackets nested too deep, too many tokens, a syntax error), the standard validation's errors once they were
 * needed, and the measures of operations that declare no variables (nothing in them can change from one request to
 * the next). The page sizes and cost of an operation with variables are measured again on each request.
 */
export interface CachedDocument {
  readonly text: string;
  /** sha256 of the text, hex: Apollo's key for its documentStore (see DocumentCache.apolloStore). */
  readonly hash: string;
  readonly document: DocumentNode | null;
  readonly refusal: GraphQLError | null;
  /** The standard rules' answer, computed the first time a request got past the limits; [] once it passed. */
  validation: readonly GraphQLError[] | null;
  /** Measures by operation name ("" for the anonymous one), only for operations that declare no variables. */
  readonly measures: Map<string, Measures>;
}

/**
 * The gate's cache of parsed and validated documents, by document text: a bounded LRU (at most `maxEntries`
 * documents and `maxChars` characters of text in all; a text longer than `maxChars / 100` is never kept), so
 * that clients sending a handful of documents again and again are parsed and validated once, while a client
 * sending a new document each time only evicts. One per schema and settings (one per server).
 *
 * It is also Apollo's documentStore (`apolloStore`): Apollo looks a request's document up there before parsing
 * and validating it, and finds it when the gate has validated the same text, so a document is parsed once for
 * both. Apollo's own stores are ignored: only what passed the gate's validation is ever handed to Apollo.
 */
export class DocumentCache {
  private readonly byText = new Map<string, CachedDocument>();
  private readonly byHash = new Map<string, CachedDocument>();
  private chars = 0;

  constructor(
    readonly maxEntries = 1000,
    readonly maxChars = 4_000_000,
  ) {}

  get size(): number {
    return this.byText.size;
  }

  /** The entry for this text, marked most recently used; undefined when not cached. */
  get(text: string): CachedDocument | undefined {
    const entry = this.byText.get(text);
    if (entry) {
      this.byText.delete(text);
      this.byText.set(text, entry);
    }
    return entry;
  }

  /** Parses (or refuses) a text and keeps what it learnt, unless the text is too long to keep. */
  load(text: string, settings: Pick<LimitSettings, "maxDepth" | "maxTokens">): CachedDocument {
    const cached = this.get(text);
    if (cached) return cached;
    const parsed = parseChecked(text, settings);
    const entry: CachedDocument = {
      text,
      hash: createHash("sha256").update(text).digest("hex"),
      document: parsed instanceof GraphQLError ? null : parsed,
      refusal: parsed instanceof GraphQLError ? parsed : null,
      validation: null,
      measures: new Map(),
    };
    if (text.length > this.maxChars / 100) return entry;
    this.byText.set(text, entry);
    this.byHash.set(entry.hash, entry);
    this.chars += text.length;
    while (this.byText.size > this.maxEntries || this.chars > this.maxChars) {
      const oldest = this.byText.values().next().value!;
      this.byText.delete(oldest.text);
      this.byHash.delete(oldest.hash);
      this.chars -= oldest.text.length;
    }
    return entry;
  }

  /**
   * Apollo Server's `documentStore` (a KeyValueCache of validated documents, keyed by a schema hash prefix and the
   * sha256 of the text): answers only documents the gate validated without errors.
   */
  readonly apolloStore = {
    get: async (key: string): Promise<DocumentNode | undefined> => {
      const entry = this.byHash.get(key.slice(-64));
      return entry?.document && entry.validation?.length === 0 ? entry.document : undefined;
    },
    set: async (): Promise<void> => {},
    delete: async (): Promise<boolean | void> => {},
  };
}

/** The text's document, or why it is refused before validation: too deeply bracketed, too many tokens, bad syntax. */
function parseChecked(text: string, settings: Pick<LimitSettings, "maxDepth" | "maxTokens">): DocumentNode | GraphQLError {
  const limit = bracketLimit(settings.maxDepth);
  if (bracketDepth(text, limit) > limit) {
    return limitError(
      "QUERY_TOO_DEEP",
      `The query nests brackets more than ${limit} levels deep; at most ${settings.maxDepth} levels of fields are allowed.`,
      { max: settings.maxDepth },
    );
  }
  try {
    return parse(text, { maxTokens: settings.maxTokens, noLocation: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/contains more th\w+ \d+ tokens/.test(message)) {
      return limitError("QUERY_TOO_LARGE", `The query is too long (more than ${settings.maxTokens} tokens).`, { max: settings.maxTokens });
    }
    return new AppError("GRAPHQL_PARSE_FAILED", message.replace(/^Syntax Error: /, "Syntax Error: "));
  }
}

/**
 * Parses and checks one GraphQL request: limits first (cheap, and they keep the standard rules from
 * running on an abusive document), then the standard validation rules. No context, no SQL. With a
 * DocumentCache, a text seen before is not parsed or validated again: only the checks that depend on the
 * request's variables (the page sizes and cost of an operation that declares variables) run.
 */
export function checkOperation(
  schema: GraphQLSchema,
  settings: LimitSettings,
  request: OperationRequest,
  cache: DocumentCache = new DocumentCache(1, Infinity),
): CheckedOperation {
  const none = (error: GraphQLError): CheckedOperation => ({ document: null, operation: null, errors: [error], cost: 0, rootFields: [] });
  if (typeof request.query !== "string" || request.query.trim() === "") {
    return none(new AppError("BAD_REQUEST", "Send the GraphQL document as a string in `query`."));
  }
  if (request.operationName !== undefined && request.operationName !== null && typeof request.operationName !== "string") {
    return none(new AppError("BAD_REQUEST", "`operationName` must be a string."));
  }
  if (
    request.variables !== undefined &&
    request.variables !== null &&
    (typeof request.variables !== "object" || Array.isArray(request.variables))
  ) {
    return none(new AppError("BAD_REQUEST", "`variables` must be an object."));
  }
  const entry = cache.load(request.query, settings);
  if (!entry.document) return none(entry.refusal!);
  const document = entry.document;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const name = (request.operationName as string | null | undefined) ?? null;
  const operation = name ? operations.find((o) => o.name?.value === name) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) {
    const message = name ? `Unknown operation named "${name}".` : "Send exactly one operation, or name the one to run in `operationName`.";
    return { document, operation: null, errors: [new AppError("OPERATION_RESOLUTION_FAILURE", message)], cost: 0, rootFields: [] };
  }
  const variables = (request.variables ?? {}) as Record<string, unknown>;
  // Without declared variables nothing in the operation changes between requests: measured once per text.
  const constant = (operation.variableDefinitions ?? []).length === 0;
  let m = constant ? entry.measures.get(name ?? "") : undefined;
  if (!m) {
    m = measure(schema, document, operation, variables, settings);
    if (constant) entry.measures.set(name ?? "", m);
  }
  const errors: GraphQLError[] = [];
  if (m.truncated || m.cost > settings.maxCost) {
    errors.push(
      limitError("QUERY_TOO_COSTLY", `The query would cost more than ${settings.maxCost}; ask for fewer items.`, { max: settings.maxCost }),
    );
  }
  if (m.depth > settings.maxDepth) {
    errors.push(
      limitError("QUERY_TOO_DEEP", `The query is nested ${m.depth} levels deep; at most ${settings.maxDepth} are allowed.`, {
        max: settings.maxDepth,
        depth: m.depth,
      }),
    );
  }
  if (m.aliases > settings.maxAliases) {
    errors.push(
      limitError("TOO_MANY_ALIASES", `The query uses ${m.aliases} aliases; at most ${settings.maxAliases} are allowed.`, {
        max: settings.maxAliases,
      }),
    );
  }
  errors.push(...m.pageErrors);
  if (errors.length > 0) return { document, operation, errors, cost: m.cost, rootFields: [...m.rootFields] };
  if (entry.validation === null) {
    const rules = settings.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
    entry.validation = validate(schema, document, rules, { maxErrors: 20 }).map((e) => validationFailed(e, settings.introspection));
  }
  return { document, operation, errors: [...entry.validation], cost: m.cost, rootFields: [...m.rootFields] };
}

/** Batched HTTP requests: at most maxBatch operations, and their costs together within maxCost. */
export function checkBatch(
  schema: GraphQLSchema,
  settings: LimitSettings & { maxBatch: number },
  requests: OperationRequest[],
  cache?: DocumentCache,
): CheckedOperation[] {
  if (requests.length === 0 || requests.length > settings.maxBatch) {
    const error = limitError("BATCH_TOO_LARGE", `Send between 1 and ${settings.maxBatch} operations in one batch.`, {
      max: settings.maxBatch,
    });
    return [{ document: null, operation: null, errors: [error], cost: 0, rootFields: [] }];
  }
  const checked = requests.map((r) => checkOperation(schema, settings, r, cache));
  const total = checked.reduce((sum, c) => sum + c.cost, 0);
  if (total > settings.maxCost && checked.every((c) => c.errors.length === 0)) {
    checked[0].errors.push(
      limitError("QUERY_TOO_COSTLY", `The batch would cost more than ${settings.maxCost}; send fewer or smaller operations.`, {
        max: settings.maxCost,
      }),
    );
  }
  return checked;
}
