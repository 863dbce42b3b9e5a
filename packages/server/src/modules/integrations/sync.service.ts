import { sqlRows } from "../../db/sql";
import { badInput } from "../../graphql/errors";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { ServiceDeps } from "../../service-deps";
import { decodeCursor, toPage } from "../../shared/cursor-pagination";
import type { Actor } from "./principal";
import type { DeletedRecord, DeletionsArgs, PeopleArgs, Person, RequestRecord, SyncPageArgs } from "./sync.types";

/** Rows of transactions that may still be running are held back until they all end: a cursor never skips a late commit. */
const SETTLED = `sync_xid < pg_snapshot_xmin(pg_current_snapshot())`;

type Keyed<T> = T & { syncKey: string; rowId: string };

/**
 * Change feeds for integrations, ordered by (sync_xid, id): the writing transaction's id, then the row's.
 * Cursors are stable under concurrent writes: a row changed after it was read moves to the end and is read again.
 */
export class SyncService {
  constructor(private readonly deps: Pick<ServiceDeps, "dataSource">) {}

  private async page<T>(actor: Actor, args: Pick<SyncPageArgs, "first" | "after">, sql: (cursorSql: string) => string, params: unknown[]) {
    const cursor = decodeCursor(args.after);
    if (cursor && !/^\d{1,19}$/.test(cursor.key))
      throw badInput([{ field: "after", message: "This cursor is not valid. Start again without `after`." }]);
    const all = [...params, cursor?.key ?? null, cursor?.id ?? null, args.first + 1];
    const n = params.length;
    const cursorSql = `($${n + 1}::xid8 IS NULL OR (sync_xid, id) > ($${n + 1}::xid8, $${n + 2}::uuid))`;
    const rows = await tenantTransaction(this.deps.dataSource, { institutionId: actor.institutionId }, (m) =>
      sqlRows<Keyed<T>>(m, `${sql(cursorSql)} ORDER BY sync_xid, id LIMIT $${n + 3}`, all),
    );
    return toPage(
      rows.slice(0, args.first),
      rows.length > args.first,
      (r) => ({ key: r.syncKey, id: r.rowId }),
      ({ syncKey: _k, rowId: _r, ...node }) => node as unknown as T,
    );
  }

  people(actor: Actor, args: PeopleArgs) {
    const roles = args.kind ? [args.kind] : ["STUDENT", "ALUMNUS"];
    return this.page<Person>(
      actor,
      args,
      (cursorSql) => `SELECT * FROM (
         SELECT ms.sync_xid, ms.id, ms.sync_xid::text AS "syncKey", ms.id AS "rowId", ms.id AS "membershipId", ms.role,
                ms.external_id AS "externalId", i.email, i.display_name AS "displayName", i.password_hash IS NOT NULL AS activated,
                ms.deactivated_at IS NULL AS active, ms.deactivated_at AS "deactivatedAt", ms.created_at AS "createdAt", ms.updated_at AS "updatedAt"
           FROM memberships ms JOIN identities i ON i.id = ms.identity_id
          WHERE ms.institution_id = $1 AND ms.role = ANY($2::text[]) AND ($3::timestamptz IS NULL OR ms.updated_at >= $3) AND ms.${SETTLED}
       ) p WHERE ${cursorSql}`,
      [actor.institutionId, roles, args.updatedSince ?? null],
    );
  }

  requests(actor: Actor, args: SyncPageArgs) {
    return this.page<RequestRecord>(
      actor,
      args,
      (cursorSql) => `SELECT * FROM (
         SELECT r.sync_xid, r.id, r.sync_xid::text AS "syncKey", r.id AS "rowId", r.state, r.modality,
                r.student_id AS "studentId", s.external_id AS "studentExternalId", r.alumnus_id AS "alumnusId", a.external_id AS "alumnusExternalId",
                r.created_at AS "createdAt", r.updated_at AS "updatedAt", r.expires_at AS "expiresAt",
                r.meeting_starts_at AS "meetingStartsAt", r.meeting_ends_at AS "meetingEndsAt", r.closed_at AS "closedAt"
           FROM interview_requests r JOIN memberships s ON s.institution_id = r.institution_id AND s.id = r.student_id
           JOIN memberships a ON a.institution_id = r.institution_id AND a.id = r.alumnus_id
          WHERE r.institution_id = $1 AND ($2::timestamptz IS NULL OR r.updated_at >= $2) AND r.${SETTLED}
       ) q WHERE ${cursorSql}`,
      [actor.institutionId, args.updatedSince ?? null],
    );
  }

  deletions(actor: Actor, args: DeletionsArgs) {
    return this.page<DeletedRecord>(
      actor,
      args,
      (cursorSql) => `SELECT * FROM (
         SELECT sync_xid, id, sync_xid::text AS "syncKey", id AS "rowId", entity, entity_id AS id_, role, external_id AS "externalId", deleted_at AS "deletedAt"
           FROM deleted_records WHERE institution_id = $1 AND ($2::timestamptz IS NULL OR deleted_at >= $2) AND ${SETTLED}
       ) d WHERE ${cursorSql}`,
      [actor.institutionId, args.since ?? null],
    ).then((page) => ({
      ...page,
      edges: page.edges.map((e) => {
        const { id_, ...rest } = e.node as unknown as DeletedRecord & { id_: string };
        return { ...e, node: { ...rest, id: id_ } };
      }),
    }));
  }
}
