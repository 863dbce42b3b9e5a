import { readFileSync } from "node:fs";
import { getMetadataStorage } from "type-graphql";
import { printedSchema, SCHEMA_FILE } from "./emit-schema";
import { getSchema } from "./schema";
import { SCOPES } from "../auth/viewer";

describe("the public schema", () => {
  it("matches the committed schema.graphql (run `npm run schema:emit` after changing the API)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await printedSchema());
  });

  it("declares who may call every query, mutation and subscription", async () => {
    await getSchema();
    const storage = getMetadataStorage();
    const ruleOf = (target: Function, methodName: string) =>
      storage.authorizedFields.find((f) => f.target === target && f.fieldName === methodName)?.roles ?? [];
    const lines: string[] = [];
    for (const [kind, handlers] of [
      ["Query", storage.queries],
      ["Mutation", storage.mutations],
      ["Subscription", storage.subscriptions],
    ] as const) {
      for (const h of handlers) {
        const roles = ruleOf(h.target, h.methodName);
        lines.push(`${kind}.${h.schemaName}: ${roles.length > 0 ? roles.join(", ") : "MISSING — add @Access(...)"}`);
      }
    }
    // type-graphql's storage may list a handler once per build; one line per operation is enough.
    const unique = [...new Set(lines)].sort();
    expect(unique.filter((l) => l.includes("MISSING"))).toEqual([]);
    // A permission change shows up here as a reviewed diff.
    expect(unique.join("\n")).toMatchSnapshot();
  });

  it("lets every API key scope reach at least one operation (a scope nothing accepts is a key that silently does nothing)", async () => {
    // The gap this closes: `reports:read` was offered to admins creating keys while every report query declared no
    // scope, so keys holding it were refused everywhere. A new scope now needs an operation declaring it.
    await getSchema();
    const accepted = new Set(getMetadataStorage().authorizedFields.flatMap((f) => f.roles as string[]));
    expect(SCOPES.filter((scope) => !accepted.has(`scope:${scope}`))).toEqual([]);
  });
});
