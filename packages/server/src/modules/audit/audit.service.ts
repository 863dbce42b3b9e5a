import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { badInput } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { toCsv } from "../../shared/csv";
import { decodeCursor, isUuid, toPage } from "../../shared/cursor-pagination";
import { type AuditActor, recordAudit } from "./audit-log";
import type { AuditLogConnection, AuditLogEntry, AuditLogFilter } from "./audit.types";

/** Rows in one CSV download, newest first. */
export const AUDIT_CSV_MAX_ROWS = 10_000;

interface EntryRow extends AuditLogEntry {
  cursorKey: string;
}

const SELECT = `
  SELECT a.id, a.occurred_at AS "occurredAt", a.occurred_at::text AS "cursorKey", a.action, a.actor_kind AS "actorKind",
         a.actor_membership_id AS "actorMembershipId", a.actor_api_key_id AS "actorApiKeyId",
         CASE a.actor_kind
           WHEN 'PERSON' THEN (SELECT ai.display_name || ' <' || ai.email || '>' FROM identities ai WHERE ai.id = a.actor_identity_id)
           WHEN 'API_KEY' THEN (SELECT 'API key ' || k.name FROM api_keys k WHERE k.institution_id = a.institution_id AND k.id = a.actor_api_key_id)
           ELSE 'Infoview' END AS "actorName",
         a.target_type AS "targetType", a.target_id AS "targetId", a.subject_membership_id AS "subjectMembershipId",
         (SELECT si.display_name || ' <' || si.email || '>' FROM memberships sm JOIN identities si ON si.id = sm.identity_id
           WHERE sm.institution_id = a.institution_id AND sm.id = a.subject_membership_id) AS "subjectName",
         a.before::text AS before, a.after::text AS after, a.request_id AS "requestId", host(a.ip) AS ip
    FROM audit_log a`;

/** Who (membership ids, or an identity by email) a person/actor filter value names. */
function personCondition(column: "subject" | "actor", value: string, param: number): string {
  if (isUuid(value)) {
    return column === "subject"
      ? `a.subject_membership_id = $${param}::uuid`
      : `(a.actor_membership_id = $${param}::uuid OR a.actor_api_key_id = $${param}::uuid OR a.actor_identity_id = $${param}::uuid)`;
  }
  return column === "subject"
    ? `a.subject_membership_id IN (SELECT fm.id FROM memberships fm JOIN identities fi ON fi.id = fm.identity_id
                                    WHERE fm.institution_id = a.institution_id AND lower(fi.email) = lower($${param}))`
    : `a.actor_identity_id IN (SELECT fi.id FROM identities fi WHERE lower(fi.email) = lower($${param}))`;
}

/**
 * Reading the audit log (admins and `audit:read` keys) and its retention purge. Writing is recordAudit
 * (audit-log.ts), called by every module inside the transaction of the change it records.
 */
export class AuditService {
  constructor(private readonly deps: Pick<ServiceDeps, "dataSource">) {}

  private where(institutionId: string, filter: AuditLogFilter | null | undefined, params: unknown[]): string {
    params.push(institutionId);
    const conditions = [`a.institution_id = $1`];
    const person = filter?.person?.trim();
    if (person) {
      params.push(person);
      conditions.push(personCondition("subject", person, params.length));
    }
    const actor = filter?.actor?.trim();
    if (actor) {
      params.push(actor);
      conditions.push(personCondition("actor", actor, params.length));
    }
    if (filter?.action) {
      if (filter.action.endsWith(".")) {
        params.push(`${filter.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        conditions.push(`a.action LIKE $${params.length}`);
      } else {
        params.push(filter.action);
        conditions.push(`a.action = $${params.length}`);
      }
    }
    if (filter?.from && filter?.to && filter.from >= filter.to)
      throw badInput([{ field: "to", message: "The end of the range must be after its start." }]);
    if (filter?.from) {
      params.push(filter.from);
      conditions.push(`a.occurred_at >= $${params.length}`);
    }
    if (filter?.to) {
      params.push(filter.to);
      conditions.push(`a.occurred_at < $${params.length}`);
    }
    return conditions.join(" AND ");
  }

  /** A page of entries, newest first; the cursor is (occurred_at, id) at full precision. */
  async page(institutionId: string, filter: AuditLogFilter | null | undefined, first: number, after: string | null | undefined) {
    const cursor = decodeCursor(after);
    const params: unknown[] = [];
    let where = this.where(institutionId, filter, params);
    if (cursor) {
      params.push(cursor.key, cursor.id);
      where += ` AND (a.occurred_at, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(first + 1);
    const rows = await tenantTransaction(this.deps.dataSource, { institutionId }, (m) =>
      sqlRows<EntryRow>(m, `${SELECT} WHERE ${where} ORDER BY a.occurred_at DESC, a.id DESC LIMIT $${params.length}`, params),
    );
    const page: AuditLogConnection = toPage(
      rows.slice(0, first),
      rows.length > first,
      (r) => ({ key: r.cursorKey, id: r.id }),
      ({ cursorKey: _key, ...entry }) => entry,
    );
    return page;
  }

  /** The entries the filter selects as CSV (up to AUDIT_CSV_MAX_ROWS, newest first); the download is itself recorded. */
  async csv(institutionId: string, actor: AuditActor, filter: AuditLogFilter | null | undefined): Promise<string> {
    const params: unknown[] = [];
    const where = this.where(institutionId, filter, params);
    params.push(AUDIT_CSV_MAX_ROWS);
    const rows = await tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      const found = await sqlRows<EntryRow>(
        m,
        `${SELECT} WHERE ${where} ORDER BY a.occurred_at DESC, a.id DESC LIMIT $${params.length}`,
        params,
      );
      await recordAudit(m, {
        institutionId,
        actor,
        action: "audit_log.exported",
        target: { type: "audit_log", id: null },
        after: { filter: filter ?? {}, rows: found.length },
      });
      return found;
    });
    return toCsv(
      [
        "occurred_at",
        "action",
        "actor_kind",
        "actor",
        "actor_membership_id",
        "actor_api_key_id",
        "target_type",
        "target_id",
        "subject_membership_id",
        "subject",
        "before",
        "after",
        "request_id",
        "ip",
      ],
      rows.map((r) => [
        r.occurredAt.toISOString(),
        r.action,
        r.actorKind,
        r.actorName,
        r.actorMembershipId,
        r.actorApiKeyId,
        r.targetType,
        r.targetId,
        r.subjectMembershipId,
        r.subjectName,
        r.before,
        r.after,
        r.requestId,
        r.ip,
      ]),
    );
  }

  /** The retention purge for one institution: removes entries older than its audit_retention_years. */
  async purgeExpired(institutionId: string): Promise<number> {
    return tenantTransaction(this.deps.dataSource, { institutionId }, (m) => purgeAuditLog(m, institutionId));
  }
}

/** Inside the caller's tenant transaction: the database function that alone may delete audit rows (ADR 0019). */
export async function purgeAuditLog(m: EntityManager, institutionId: string): Promise<number> {
  const [row] = await sqlRows<{ purged: string }>(m, `SELECT purge_audit_log($1) AS purged`, [institutionId]);
  return Number(row.purged);
}
