import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "./connect";

/** `npm run db:migrate`: apply pending migrations and exit. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config, (message) => console.log(message));
  const pending = await db.dataSource.showMigrations();
  console.log(pending ? "migrations still pending" : `database is up to date (${db.description})`);
  await db.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
