import {
  defaultFieldResolver,
  GraphQLID,
  GraphQLString,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { Extensions } from "type-graphql";
import { badInput, type FieldError } from "./errors";

/**
 * The rule for every argument, checked where arguments are decoded (ADR 0017): before authorization, before
 * the resolver's own validation, before any SQL.
 *
 * - An `ID` is a UUID. An argument or input field whose ids are something else (the career taxonomy's
 *   lowercase keys) says so with `@NotUuid(…)`; so does a bulk list whose service reports each bad id as
 *   a row error. Forgetting the marker refuses good input (loud), never lets bad input through.
 * - Text (`String` and `ID`) holds no character PostgreSQL cannot store: NUL (U+0000), or half of a
 *   surrogate pair (which UTF-8 cannot encode).
 *
 * A refusal is BAD_USER_INPUT with `fields` naming the argument: its own name for a plain argument, the
 * path inside an input object (`referral.alumnusId`, list items by index: `membershipIds.3`), as
 * type-graphql's validation names them.
 */

/** Marks an `ID` argument or input field whose values are not UUIDs; `why` is for the reader. */
export const NotUuid = (why: "taxonomy key" | "checked per row by the service") => Extensions({ uuid: false, why });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** NUL, or a surrogate not paired (with the u flag a well-formed pair is one code point, not a surrogate). */
// eslint-disable-next-line no-control-regex -- NUL is the character looked for
const UNSTORABLE = /[\u0000\p{Surrogate}]/u;

export const isUuid = (value: string): boolean => UUID.test(value);

export const ID_MESSAGE = "Use an id as the API gave it (a UUID).";
export const TEXT_MESSAGE = "Remove the NUL character or unpaired surrogate: it cannot be stored.";

type Check = (value: unknown, path: string, errors: FieldError[]) => void;

const noCheck: Check = () => {};

function textCheck(uuid: boolean): Check {
  return (value, path, errors) => {
    if (typeof value !== "string") return;
    if (UNSTORABLE.test(value)) errors.push({ field: path, message: TEXT_MESSAGE });
    else if (uuid && !UUID.test(value)) errors.push({ field: path, message: ID_MESSAGE });
  };
}

/** Builds the check for one input type once, at start; `null` when nothing under it needs checking. */
function checkFor(type: GraphQLInputType, uuid: boolean, seen: Map<string, Check | null>): Check | null {
  if (isNonNullType(type)) return checkFor(type.ofType, uuid, seen);
  if (isListType(type)) {
    const item = checkFor(type.ofType, uuid, seen);
    if (!item) return null;
    return (value, path, errors) => {
      if (!Array.isArray(value)) return item(value, path, errors);
      value.forEach((v, i) => item(v, `${path}.${i}`, errors));
    };
  }
  if (type === GraphQLID) return textCheck(uuid);
  if (type === GraphQLString) return textCheck(false);
  if (!isInputObjectType(type)) return null;
  // Input types can refer to themselves: a placeholder stops the recursion, filled in below.
  if (seen.has(type.name)) {
    const done = seen.get(type.name);
    if (done === undefined || done === noCheck) return null;
    return done ?? ((v, p, e) => seen.get(type.name)?.(v, p, e));
  }
  seen.set(type.name, null);
  const fields = Object.values(type.getFields())
    .map((f) => ({ name: f.name, check: checkFor(f.type, wantsUuid(f), seen) }))
    .filter((f): f is { name: string; check: Check } => f.check !== null);
  const check: Check | null =
    fields.length === 0
      ? null
      : (value, path, errors) => {
          if (value === null || typeof value !== "object") return;
          const object = value as Record<string, unknown>;
          for (const f of fields) if (object[f.name] != null) f.check(object[f.name], path ? `${path}.${f.name}` : f.name, errors);
        };
  seen.set(type.name, check ?? noCheck);
  return check;
}

function wantsUuid(input: GraphQLArgument | GraphQLInputField): boolean {
  return (input.extensions as { uuid?: boolean } | undefined)?.uuid !== false;
}

/** The check for a field's arguments, or null when it takes nothing to check. */
function argumentsCheck(
  args: readonly GraphQLArgument[],
  seen: Map<string, Check | null>,
): ((args: Record<string, unknown>) => void) | null {
  const checks = args
    .map((a) => {
      const check = checkFor(a.type, wantsUuid(a), seen);
      // An input object argument names its fields as type-graphql's validation does: without the argument's name.
      const prefix = isInputObjectType(isNonNullType(a.type) ? a.type.ofType : a.type) ? "" : a.name;
      return check && { name: a.name, prefix, check };
    })
    .filter((c) => c !== null);
  if (checks.length === 0) return null;
  return (values) => {
    const errors: FieldError[] = [];
    for (const c of checks) if (values[c.name] != null) c.check(values[c.name], c.prefix, errors);
    if (errors.length > 0) throw badInput(errors);
  };
}

/**
 * Puts the rule in front of every field that takes arguments, on every type (root fields, connections' cursors,
 * subscriptions' `subscribe` too). Called once on the built schema.
 */
export function checkArgumentsAtTheEdge(schema: GraphQLSchema): GraphQLSchema {
  const seen = new Map<string, Check | null>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const check = argumentsCheck(field.args, seen);
      if (!check) continue;
      const guard = (resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> =>
        function checked(source, args, context, info) {
          check(args);
          return resolve(source, args, context, info);
        };
      field.resolve = guard(field.resolve ?? defaultFieldResolver);
      if (field.subscribe) field.subscribe = guard(field.subscribe);
    }
  }
  return schema;
}
