/** Shared between the jest global setup (which creates these) and the workers (which use them). */
export const TEST_ENV = {
  /** A connection URL to the test server's `postgres` database, as a user that may create databases. */
  serverUrl: "INFOVIEW_TEST_SERVER_URL",
  /** Name of the migrated template every worker's database is cloned from. */
  template: "INFOVIEW_TEST_TEMPLATE",
  runId: "INFOVIEW_TEST_RUN_ID",
} as const;

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
