import { randomUUID } from "node:crypto";
import { useTestDatabase } from "../../test/database";
import { alumniSearchSql } from "../profiles/alumni-search.sql";

const db = useTestDatabase();

/**
 * The plan without row-level security, whose institution filter would offer another index. A superuser owner
 * bypasses it anyway; an ordinary owner (PostgreSQL 15 in CI) is subject to FORCE, so this transaction lifts
 * FORCE for itself and is rolled back: nothing outlives the EXPLAIN.
 */
async function plan(sql: string, params: unknown[]): Promise<string> {
  const runner = db().createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await runner.query(`ALTER TABLE alumni_profiles NO FORCE ROW LEVEL SECURITY`);
    // Test tables are tiny, so the planner would read them whole; forbid that to see what the indexes offer.
    await runner.query(`SET LOCAL enable_seqscan = off`);
    const rows: Array<{ "QUERY PLAN": string }> = await runner.query(`EXPLAIN ${sql}`, params);
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

describe("alumni search", () => {
  it("matches on exactly the expressions the trigram indexes cover", async () => {
    const search = alumniSearchSql("$1::uuid", "$2::text");
    // Each half of the search, with its predicate alone, is answered from its trigram index.
    const profiles = search.slice(0, search.indexOf("UNION")).replace(/sp\.institution_id = \$1::uuid AND /, "$1::uuid IS NOT NULL AND ");
    expect(await plan(profiles, [randomUUID(), "%Analyst%"])).toContain("alumni_profiles_search_lower_trgm_idx");
    expect(await plan(`SELECT id FROM identities WHERE display_name ILIKE $1`, ["%rivera%"])).toContain("identities_display_name_trgm_idx");
  });
});
