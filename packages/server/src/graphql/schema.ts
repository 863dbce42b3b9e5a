import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema, type NonEmptyArray } from "type-graphql";
import { modules } from "../modules";
import { eventBus } from "../modules/notifications/pubsub";
import { authChecker } from "./access";
import { checkArgumentsAtTheEdge } from "./input-checks";

let schema: Promise<GraphQLSchema> | null = null;

/** The one schema, built once from every module's resolvers. */
export function getSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({
    resolvers: modules.flatMap((m) => [...m.resolvers]) as unknown as NonEmptyArray<Function>,
    authChecker,
    authMode: "error",
    // Subscriptions read this process's bus; the outbox worker publishes to it (and, via NOTIFY, to other processes' buses).
    pubSub: eventBus.pubSub,
    validate: { forbidUnknownValues: false },
  }).then(checkArgumentsAtTheEdge);
  return schema;
}
