import { randomUUID } from "node:crypto";
import { useTestDatabase } from "../../test/database";
import { alumniSearchSql } from "../profiles/alumni-search.sql";

const db = useTestDatabase();

/** The plan as the table owner sees it (no row-level security, whose institution filter would use another index). */
async function plan(sql: string, params: unknown[]): Promise<string> {
  const rows: Array<{ "QUERY PLAN": string }> = await db().transaction(async (m) => {
    // Test tables are tiny, so the planner would read them whole; forbid that to see what the indexes offer.
    await m.query(`SET LOCAL enable_seqscan = off`);
    return m.query(`EXPLAIN ${sql}`, params);
  });
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

describe("alumni search", () => {
  it("matches on exactly the expressions the trigram indexes cover", async () => {
    const search = alumniSearchSql("$1::uuid", "$2::text");
    // Each half of the search, with its predicate alone, is answered from its trigram index.
    const profiles = search.slice(0, search.indexOf("UNION")).replace(/sp\.institution_id = \$1::uuid AND /, "$1::uuid IS NOT NULL AND ");
    expect(await plan(profiles, [randomUUID(), "%analyst%"])).toContain("alumni_profiles_search_trgm_idx");
    expect(await plan(`SELECT id FROM identities WHERE display_name ILIKE $1`, ["%rivera%"])).toContain("identities_display_name_trgm_idx");
  });
});
