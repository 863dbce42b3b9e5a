import { writeFileSync } from "node:fs";
import path from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { getSchema } from "./schema";

export const SCHEMA_FILE = path.resolve(__dirname, "..", "..", "schema.graphql");

export async function printedSchema(): Promise<string> {
  const header = "# Generated from the server's resolvers by `npm run schema:emit`. Do not edit.\n\n";
  return header + printSchema(lexicographicSortSchema(await getSchema())) + "\n";
}

if (require.main === module) {
  printedSchema().then((text) => {
    writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${SCHEMA_FILE}`);
  });
}
