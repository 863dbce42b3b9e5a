import type { DataSource } from "typeorm";
import { distributionProblems } from "./distribution-check";
import { GLOBAL_TABLE_NAMES } from "./distribution";
import { TenantKeys1795305602630 } from "./migrations/1795305602630-TenantKeys";
import { AuditLogAndConsentRecords1795305603200 } from "./migrations/1795305603200-AuditLogAndConsentRecords";
import { tenantTransaction } from "./tenant-transaction";
import { useFreshDatabase } from "../test/database";
import { buildInstitutionWithEveryTable } from "../test/tenant-fixture";
import type { BuiltInstitution } from "../test/factories";

// Its own database: this suite takes the migration down and up again, which no other suite should see.
const db = useFreshDatabase("tenant_keys", 3);

const definition = async (constraint: string): Promise<string> =>
  (await db().query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1`, [constraint]))[0]?.def;

/** Rows per tenant table as the institution sees them. */
async function rowsOf(institution: BuiltInstitution): Promise<Record<string, number>> {
  const tables: Array<{ name: string }> = await db().query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT (c.relname = ANY($1)) ORDER BY 1`,
    [GLOBAL_TABLE_NAMES],
  );
  return tenantTransaction(db(), { institutionId: institution.id }, async (m) => {
    const counts: Record<string, number> = {};
    for (const { name } of tables) counts[name] = (await m.query(`SELECT count(*)::int AS n FROM ${name}`))[0].n;
    return counts;
  });
}

/**
 * The counts as TenantKeys knows the tables: later migrations go down first and up again after it (below), and
 * 1795305603200 turned `consents` into consent_grants (the agreements, same rows) and added consent_withdrawals
 * (rebuilt from consents.withdrawn_at on the way up) and audit_log (dropped on the way down: not compared).
 */
function asTenantKeysSees(counts: Record<string, number>): Record<string, number> {
  const { consent_grants, consent_withdrawals: _withdrawals, audit_log: _audit, ...rest } = counts;
  return consent_grants === undefined ? rest : { ...rest, consents: consent_grants };
}

/** Migrations after TenantKeys whose down must run before its down (and whose up after its up). */
const LATER = [new AuditLogAndConsentRecords1795305603200()];

async function migrate(ds: DataSource, step: "up" | "down"): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    if (step === "down") for (const later of [...LATER].reverse()) await later.down(runner);
    await new TenantKeys1795305602630()[step](runner);
    if (step === "up") for (const later of LATER) await later.up(runner);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/** Adds a weekly window: the match-stats trigger upserts with ON CONFLICT on the table's key, so it fails if they disagree. */
const addWindow = (institution: BuiltInstitution, alumnusId: string) =>
  tenantTransaction(db(), { institutionId: institution.id }, (m) =>
    m.query(
      `INSERT INTO availability_windows (institution_id, alumnus_id, weekday, start_minute, end_minute, time_zone)
       VALUES ($1, $2, 4, 600, 660, 'UTC')`,
      [institution.id, alumnusId],
    ),
  );

describe("migration 1795305602630-TenantKeys", () => {
  it("goes down and up again with an institution that has rows in every table, keeping every row", async () => {
    const institution = await buildInstitutionWithEveryTable(db());
    const [alumnus] = await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`SELECT membership_id AS id FROM alumni_profiles LIMIT 1`),
    );
    const before = await rowsOf(institution);
    expect(await definition("memberships_pkey")).toBe("PRIMARY KEY (institution_id, id)");

    await migrate(db(), "down");
    expect(await definition("memberships_pkey")).toBe("PRIMARY KEY (id)");
    expect(await definition("invitations_invited_by_id_fkey")).toBe(
      "FOREIGN KEY (invited_by_id) REFERENCES memberships(id) ON DELETE SET NULL",
    );
    expect(await definition("request_questions_request_id_position_key")).toBe(`UNIQUE (request_id, "position")`);
    await addWindow(institution, alumnus.id);
    const down = await rowsOf(institution);
    expect(asTenantKeysSees(down)).toEqual(asTenantKeysSees({ ...before, availability_windows: before.availability_windows + 1 }));

    await migrate(db(), "up");
    expect(await definition("memberships_pkey")).toBe("PRIMARY KEY (institution_id, id)");
    expect(await definition("invitations_invited_by_id_fkey")).toBe(
      "FOREIGN KEY (institution_id, invited_by_id) REFERENCES memberships(institution_id, id) ON DELETE SET NULL (invited_by_id)",
    );
    await addWindow(institution, alumnus.id);
    const up = await rowsOf(institution);
    expect(asTenantKeysSees(up)).toEqual(asTenantKeysSees({ ...down, availability_windows: down.availability_windows + 1 }));
    expect(up.consent_withdrawals).toBe(before.consent_withdrawals);
    expect(await distributionProblems((sql, params) => db().query(sql, params))).toEqual([]);
  });

  it("keeps each reference's ON DELETE: SET NULL clears the reference and keeps the row's institution, CASCADE removes", async () => {
    const institution = await buildInstitutionWithEveryTable(db());
    const result = await tenantTransaction(db(), { institutionId: institution.id }, async (m) => {
      const [{ admin }] = await m.query(`SELECT invited_by_id AS admin FROM invitations`);
      const [{ student }] = await m.query(`SELECT student_id AS student FROM conversation_notes`);
      await m.query(`DELETE FROM memberships WHERE id = ANY($1)`, [[admin, student]]);
      return {
        invitations: await m.query(`SELECT institution_id AS "institutionId", invited_by_id AS "invitedById" FROM invitations`),
        suggestions: await m.query(`SELECT count(*)::int AS n FROM alumnus_suggestions`),
        notes: await m.query(`SELECT count(*)::int AS n FROM conversation_notes`),
        requests: await m.query(`SELECT count(*)::int AS n FROM interview_requests`),
      };
    });
    expect(result).toEqual({
      invitations: [{ institutionId: institution.id, invitedById: null }],
      // The student's suggestion, notes and request go with the student (CASCADE).
      suggestions: [{ n: 0 }],
      notes: [{ n: 0 }],
      requests: [{ n: 0 }],
    });
  });
});
