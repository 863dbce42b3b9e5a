import { DataSource } from "typeorm";
import { entities } from "../entities";
import { migrations } from "./migrations";

export { APP_ROLE } from "./app-role";

/**
 * One pool, connected as the schema owner. Every query the app makes runs inside
 * tenantTransaction, which drops to APP_ROLE for the length of the transaction.
 */
export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: "postgres",
    url,
    entities,
    migrations,
    migrationsTableName: "migrations",
    migrationsTransactionMode: "each",
    synchronize: false,
    logging: false,
    poolSize,
    extra: { connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 },
  });
}
