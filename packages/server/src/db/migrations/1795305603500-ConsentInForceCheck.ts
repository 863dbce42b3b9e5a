import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Whether a person's consent of one kind is in force, as one opaque call per row. Since the ledger became append-only
 * (1795305603200), `consents` is a view whose `in_force` joins grants, withdrawals, newer text versions and the
 * institution's review policy. In an `EXISTS` the planner turned that into a semi-join over every grant of the kind
 * (78,000 at the flagship) before the needs-action lists' ordered, LIMITed scans: 1.2–1.6 s per list where it had been
 * milliseconds. Called per row as a STABLE plpgsql function, the check is an index probe per candidate row, and the lists
 * stop after their first page again (tests/perf: needsAction). SECURITY INVOKER: row-level security applies to the caller.
 */
export class ConsentInForceCheck1795305603500 implements MigrationInterface {
  name = "ConsentInForceCheck1795305603500";

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE FUNCTION consent_in_force(p_institution uuid, p_membership uuid, p_kind text) RETURNS boolean
         LANGUAGE plpgsql STABLE SECURITY INVOKER AS $$
       BEGIN
         RETURN EXISTS (SELECT 1 FROM consents c
                         WHERE c.institution_id = p_institution AND c.membership_id = p_membership AND c.kind = p_kind AND c.in_force);
       END $$`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS consent_in_force(uuid, uuid, text)`);
  }
}
