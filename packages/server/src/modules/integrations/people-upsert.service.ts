import type { EntityManager } from "typeorm";
import { recordAudit, type AuditActor } from "../audit";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { ServiceDeps } from "../../service-deps";
import { bulkTooLarge } from "./integrations.errors";
import type { PersonKind, RowError, UpsertResult } from "./people.types";
import { validatePeople, type PersonRow, type PersonRowInput } from "./people-validation";

/** Rows per call; larger rosters are sent in pages (each page is its own transaction). */
export const MAX_UPSERT_ROWS = 50_000;

/** Rows written by one bulk call from which the people tables' planner statistics are refreshed at once. */
export const ANALYZE_AFTER_ROWS = 10_000;

interface Existing {
  membershipId: string;
  identityId: string;
  email: string;
  externalId: string | null;
  claimed: boolean;
  displayName: string;
}

interface Profile {
  membership_id: string;
  class_year: number | null;
  major: string | null;
  employer?: string | null;
  title?: string | null;
  directory_block?: boolean;
}

const conflict = (row: PersonRow, code: string, message: string): RowError => ({
  row: row.row,
  externalId: row.externalId,
  field: "row",
  code,
  message,
});

/**
 * Bulk upserts of students or alumni keyed by the institution's external id. Rows are validated one by
 * one first; the good ones are then written set-based (a few statements whatever the row count) in one
 * transaction, serialised per institution and role, so the same call twice changes nothing the second time.
 */
export class PeopleUpsertService {
  constructor(private readonly deps: Pick<ServiceDeps, "dataSource" | "config">) {}

  async upsert(
    institutionId: string,
    kind: PersonKind,
    inputs: PersonRowInput[],
    rowNumber?: (index: number) => number,
    options: {
      analyze?: boolean;
      /** Who asks, for the audit log (one row per call, with the counts); `action` people.imported for CSV chunks. */
      audit?: { actor: AuditActor; action?: "people.upserted" | "people.imported"; details?: Record<string, unknown> };
    } = {},
  ): Promise<UpsertResult> {
    if (inputs.length > MAX_UPSERT_ROWS) throw bulkTooLarge(MAX_UPSERT_ROWS);
    const { valid, errors } = validatePeople(kind, inputs, rowNumber);
    const result = { created: 0, updated: 0, unchanged: 0, errors };
    if (valid.length > 0) {
      await tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
        // 50,000 rows are written set-based in a few statements, each longer than an ordinary request's.
        await m.query(`SELECT set_config('statement_timeout', $1, true)`, [`${this.deps.config.api.bulkTimeoutMs}ms`]);
        await this.write(m, institutionId, kind, valid, result);
        await recordAudit(m, {
          institutionId,
          actor: options.audit?.actor ?? { kind: "SYSTEM" },
          action: options.audit?.action ?? "people.upserted",
          target: { type: kind === "STUDENT" ? "students" : "alumni", id: null },
          after: {
            ...options.audit?.details,
            rows: valid.length,
            created: result.created,
            updated: result.updated,
            unchanged: result.unchanged,
          },
        });
      });
    }
    result.errors.sort((a, b) => a.row - b.row);
    if (options.analyze !== false) await this.analyzeAfterBulk(institutionId, result.created + result.updated);
    return result;
  }

  /**
   * After a large write the planner's statistics are stale until autovacuum comes by (it may take a minute or
   * more): it would take 50,000 new people for a handful and choose poor plans. Refreshes them at once, after the
   * upsert's transaction, through analyze_people_tables() (the app role may not ANALYZE tables it does not own).
   * Best effort: a failure here never fails the upsert that already committed.
   */
  async analyzeAfterBulk(institutionId: string, written: number): Promise<void> {
    if (written < ANALYZE_AFTER_ROWS) return;
    await tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      await m.query(`SELECT set_config('statement_timeout', $1, true)`, [`${this.deps.config.api.bulkTimeoutMs}ms`]);
      await m.query(`SELECT analyze_people_tables()`);
    }).catch(() => {});
  }

  private async write(m: EntityManager, institutionId: string, kind: PersonKind, rows: PersonRow[], result: UpsertResult): Promise<void> {
    // One bulk write per roster at a time: the classification below stays true until commit.
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`people-upsert:${institutionId}:${kind}`]);
    const byExternalId = new Map(
      (
        await sqlRows<Existing>(
          m,
          `SELECT ms.id AS "membershipId", i.id AS "identityId", i.email, ms.external_id AS "externalId",
                  i.password_hash IS NOT NULL AS claimed, i.display_name AS "displayName"
             FROM memberships ms JOIN identities i ON i.id = ms.identity_id
            WHERE ms.institution_id = $1 AND ms.role = $2 AND ms.external_id = ANY($3::text[])`,
          [institutionId, kind, rows.map((r) => r.externalId)],
        )
      ).map((e) => [e.externalId as string, e]),
    );
    const unmatched = rows.filter((r) => !byExternalId.has(r.externalId));
    const byEmail = new Map(
      (
        await sqlRows<Existing & { membershipId: string | null }>(
          m,
          `SELECT ms.id AS "membershipId", i.id AS "identityId", i.email, ms.external_id AS "externalId",
                  i.password_hash IS NOT NULL AS claimed, i.display_name AS "displayName"
             FROM identities i
             LEFT JOIN memberships ms ON ms.identity_id = i.id AND ms.institution_id = $1 AND ms.role = $2
            WHERE i.email = ANY($3::text[])`,
          [institutionId, kind, unmatched.map((r) => r.email)],
        )
      ).map((e) => [e.email, e]),
    );

    const newIdentities: PersonRow[] = [];
    const newMemberships: Array<{ row: PersonRow; identityId: string | null }> = [];
    const attach: Array<{ row: PersonRow; existing: Existing }> = [];
    const matched: Array<{ row: PersonRow; existing: Existing }> = [];
    for (const row of rows) {
      const existing = byExternalId.get(row.externalId);
      if (existing) {
        if (existing.email !== row.email) {
          result.errors.push(
            conflict(
              row,
              "EMAIL_CONFLICT",
              "This external id belongs to a person with another email; emails are not changed by integrations.",
            ),
          );
        } else matched.push({ row, existing });
        continue;
      }
      const person = byEmail.get(row.email);
      if (person?.membershipId && person.externalId) {
        result.errors.push(
          conflict(row, "EXTERNAL_ID_CONFLICT", `A person with this email already has another external id here (${person.externalId}).`),
        );
      } else if (person?.membershipId) attach.push({ row, existing: person });
      else {
        if (!person) newIdentities.push(row);
        newMemberships.push({ row, identityId: person?.identityId ?? null });
      }
    }

    // Which existing people actually change: a name nobody has claimed yet, or a profile field given with a new value.
    const table = kind === "STUDENT" ? "student_profiles" : "alumni_profiles";
    const existingIds = [...matched, ...attach].map((x) => x.existing.membershipId);
    const profiles = new Map(
      (
        await sqlRows<Profile>(
          m,
          `SELECT membership_id, class_year, major${kind === "ALUMNUS" ? ", employer, title" : ", directory_block"} FROM ${table} WHERE membership_id = ANY($1::uuid[])`,
          [existingIds],
        )
      ).map((p) => [p.membership_id, p]),
    );
    const profileChanges = (row: PersonRow, profile: Profile | undefined): boolean =>
      !profile ||
      (row.classYear !== undefined && row.classYear !== profile.class_year) ||
      (row.major !== undefined && row.major !== profile.major) ||
      (kind === "STUDENT" && row.directoryBlock !== undefined && row.directoryBlock !== profile.directory_block) ||
      (kind === "ALUMNUS" && row.employer !== undefined && row.employer !== profile.employer) ||
      (kind === "ALUMNUS" && row.title !== undefined && row.title !== profile.title);
    const renamed = [...matched, ...attach].filter(({ row, existing }) => !existing.claimed && existing.displayName !== row.displayName);
    const renamedRows = new Set(renamed.map((x) => x.row));
    const changed = matched.filter(({ row, existing }) => renamedRows.has(row) || profileChanges(row, profiles.get(existing.membershipId)));
    result.unchanged += matched.length - changed.length;
    result.updated += changed.length + attach.length;

    // Writes, each one statement for the whole batch.
    if (newIdentities.length > 0) {
      await m.query(
        `INSERT INTO identities (email, display_name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (email) DO NOTHING`,
        [newIdentities.map((r) => r.email), newIdentities.map((r) => r.displayName)],
      );
      const ids = await sqlRows<{ id: string; email: string }>(m, `SELECT id, email FROM identities WHERE email = ANY($1::text[])`, [
        newIdentities.map((r) => r.email),
      ]);
      const idOf = new Map(ids.map((i) => [i.email, i.id]));
      for (const x of newMemberships) x.identityId ??= idOf.get(x.row.email) ?? null;
    }
    const profileRows: Array<{ membershipId: string; row: PersonRow }> = [];
    if (newMemberships.length > 0) {
      const inserted = await sqlRows<{ id: string; external_id: string }>(
        m,
        `INSERT INTO memberships (institution_id, identity_id, role, external_id)
         SELECT $1, u.identity_id, $2, u.external_id FROM unnest($3::uuid[], $4::text[]) AS u(identity_id, external_id)
         RETURNING id, external_id`,
        [institutionId, kind, newMemberships.map((x) => x.identityId), newMemberships.map((x) => x.row.externalId)],
      );
      const idOf = new Map(inserted.map((r) => [r.external_id, r.id]));
      for (const x of newMemberships) profileRows.push({ membershipId: idOf.get(x.row.externalId) as string, row: x.row });
      result.created += inserted.length;
    }
    if (attach.length > 0) {
      await m.query(
        `UPDATE memberships ms SET external_id = u.external_id, updated_at = now()
           FROM unnest($1::uuid[], $2::text[]) AS u(id, external_id) WHERE ms.id = u.id`,
        [attach.map((x) => x.existing.membershipId), attach.map((x) => x.row.externalId)],
      );
    }
    if (changed.length > 0) {
      await m.query(`UPDATE memberships SET updated_at = now() WHERE id = ANY($1::uuid[])`, [changed.map((x) => x.existing.membershipId)]);
    }
    if (renamed.length > 0) {
      await m.query(
        `UPDATE identities i SET display_name = u.display_name, updated_at = now()
           FROM unnest($1::uuid[], $2::text[]) AS u(id, display_name) WHERE i.id = u.id AND i.password_hash IS NULL`,
        [renamed.map((x) => x.existing.identityId), renamed.map((x) => x.row.displayName)],
      );
    }
    for (const x of [...changed, ...attach]) {
      if (profileChanges(x.row, profiles.get(x.existing.membershipId)))
        profileRows.push({ membershipId: x.existing.membershipId, row: x.row });
    }
    if (profileRows.length > 0) await this.upsertProfiles(m, institutionId, kind, profileRows);
  }

  /** Inserts missing profiles and sets the given fields on existing ones; a field not given keeps its value. */
  private async upsertProfiles(
    m: EntityManager,
    institutionId: string,
    kind: PersonKind,
    rows: Array<{ membershipId: string; row: PersonRow }>,
  ) {
    const ids = rows.map((x) => x.membershipId);
    const years = rows.map((x) => x.row.classYear ?? null);
    const majors = rows.map((x) => x.row.major ?? null);
    if (kind === "STUDENT") {
      await m.query(
        `INSERT INTO student_profiles AS p (membership_id, institution_id, class_year, major)
         SELECT u.id, $1, u.class_year, u.major FROM unnest($2::uuid[], $3::int[], $4::text[]) AS u(id, class_year, major)
         ON CONFLICT (institution_id, membership_id) DO UPDATE SET class_year = coalesce(EXCLUDED.class_year, p.class_year),
           major = coalesce(EXCLUDED.major, p.major), updated_at = now()`,
        [institutionId, ids, years, majors],
      );
      // The FERPA directory block, where the row gives it (a new profile starts unblocked). One `= ANY` statement
      // per value, never a join against unnest: right after a bulk insert the statistics are stale, and a join
      // the planner takes for tiny can turn into 50,000 × 50,000 comparisons (a CI run spent 250 s there).
      for (const block of [true, false]) {
        const given = rows.filter((x) => x.row.directoryBlock === block).map((x) => x.membershipId);
        if (given.length === 0) continue;
        await m.query(
          `UPDATE student_profiles SET directory_block = $3, updated_at = now()
            WHERE institution_id = $1 AND membership_id = ANY($2::uuid[]) AND directory_block IS DISTINCT FROM $3`,
          [institutionId, given, block],
        );
      }
      return;
    }
    await m.query(
      `INSERT INTO alumni_profiles AS p (membership_id, institution_id, class_year, major, employer, title, time_zone)
       SELECT u.id, $1, u.class_year, u.major, u.employer, u.title, (SELECT time_zone FROM institutions WHERE id = $1)
         FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[]) AS u(id, class_year, major, employer, title)
       ON CONFLICT (institution_id, membership_id) DO UPDATE SET class_year = coalesce(EXCLUDED.class_year, p.class_year),
         major = coalesce(EXCLUDED.major, p.major), employer = coalesce(EXCLUDED.employer, p.employer),
         title = coalesce(EXCLUDED.title, p.title), updated_at = now()`,
      [institutionId, ids, years, majors, rows.map((x) => x.row.employer ?? null), rows.map((x) => x.row.title ?? null)],
    );
  }
}
