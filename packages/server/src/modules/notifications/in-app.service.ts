import type { EntityManager } from "typeorm";
import type { Viewer } from "../../auth/viewer";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { badInput } from "../../graphql/errors";
import { decodeCursor, isUuid, toPage } from "../../shared/cursor-pagination";
import type { ServiceDeps } from "../../service-deps";
import type { Side } from "./notification-plan";
import type { NotificationKind } from "./notification-kinds";
import type { RequestNotificationKind } from "./pubsub";

/** One stored item of a person's notification centre, as the API returns it (the client words it). */
export interface InAppNotificationRow {
  id: string;
  kind: NotificationKind;
  event: RequestNotificationKind;
  side: Side;
  requestId: string | null;
  otherName: string | null;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** One person told about an outbox row (ADR 0028): the delivery writes it with the real-time event, once. */
export interface InAppItem {
  membershipId: string;
  side: Side;
  otherMembershipId: string | null;
}

/** Where an item leads in the web client: the request's page on the side the person saw it from. */
export const linkOf = (side: Side, requestId: string | null): string | null =>
  requestId ? (side === "STUDENT" ? `/student/conversations/${requestId}` : `/alumni/requests/${requestId}`) : null;

/** The most ids markNotificationsRead takes at once. */
export const MARK_READ_MAX = 100;

const SELECT = `
  SELECT n.id, n.kind, n.event, n.side, n.request_id AS "requestId", idn.display_name AS "otherName", n.created_at AS "createdAt",
         n.read_at AS "readAt", n.created_at::text AS "cursorKey"
    FROM in_app_notifications n
    LEFT JOIN memberships o ON o.institution_id = n.institution_id AND o.id = n.other_membership_id
    LEFT JOIN identities idn ON idn.id = o.identity_id`;

type Row = Omit<InAppNotificationRow, "link"> & { cursorKey: string };

const withLink = ({ cursorKey: _key, ...row }: Row): InAppNotificationRow => ({ ...row, link: linkOf(row.side, row.requestId) });

/** The viewer's memberships in this institution: their notification centre is the union of them. */
const mine = (viewer: Viewer): string[] => Object.values(viewer.memberships).filter((id): id is string => typeof id === "string");

/**
 * Writes the items of one outbox row, inside the real-time delivery's transaction (so exactly once), and answers who
 * got a new one. The caller decides who is told (the emails' recipients whose in-app side is on).
 */
export async function storeInAppItems(
  m: EntityManager,
  row: { institutionId: string; id: string; createdAt: Date },
  kind: string,
  event: string,
  requestId: string | null,
  items: InAppItem[],
): Promise<string[]> {
  const stored: string[] = [];
  for (const item of items) {
    const inserted = await sqlRows<{ membership_id: string }>(
      m,
      `INSERT INTO in_app_notifications (institution_id, membership_id, outbox_id, kind, event, side, request_id, other_membership_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (institution_id, outbox_id, membership_id) DO NOTHING RETURNING membership_id`,
      [row.institutionId, item.membershipId, row.id, kind, event, item.side, requestId, item.otherMembershipId],
    );
    stored.push(...inserted.map((r) => r.membership_id));
  }
  return stored;
}

/** The notification centre: the viewer's list, their unread count, and marking read (ADR 0028). */
export class InAppNotificationsService {
  constructor(private readonly deps: Pick<ServiceDeps, "dataSource">) {}

  /** A page of the viewer's items, newest first; the cursor is (created_at, id) at full precision. */
  async page(viewer: Viewer, first: number, after: string | null | undefined) {
    const cursor = decodeCursor(after);
    const params: unknown[] = [viewer.institutionId, mine(viewer)];
    let where = `n.institution_id = $1 AND n.membership_id = ANY($2::uuid[])`;
    if (cursor) {
      params.push(cursor.key, cursor.id);
      where += ` AND (n.created_at, n.id) < ($3::timestamptz, $4::uuid)`;
    }
    params.push(first + 1);
    const rows = await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      sqlRows<Row>(m, `${SELECT} WHERE ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`, params),
    );
    return toPage(
      rows.slice(0, first),
      rows.length > first,
      (r) => ({ key: r.cursorKey, id: r.id }),
      (r) => withLink(r),
    );
  }

  async unreadCount(viewer: Viewer): Promise<number> {
    return tenantTransaction(this.deps.dataSource, viewer, (m) => this.countUnread(m, viewer));
  }

  /** The viewer's items of one outbox row (what the subscription pushes), with the unread count after them. */
  async ofOutboxRow(viewer: Viewer, outboxId: string): Promise<{ items: InAppNotificationRow[]; unreadCount: number }> {
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => ({
      items: (
        await sqlRows<Row>(
          m,
          `${SELECT} WHERE n.institution_id = $1 AND n.membership_id = ANY($2::uuid[]) AND n.outbox_id = $3 ORDER BY n.created_at DESC, n.id DESC`,
          [viewer.institutionId, mine(viewer), outboxId],
        )
      ).map(withLink),
      unreadCount: await this.countUnread(m, viewer),
    }));
  }

  /** Marks the given items of the viewer's read (others' ids, unknown ids and ones already read are ignored); answers the unread count. */
  async markRead(viewer: Viewer, ids: string[]): Promise<number> {
    if (ids.length > MARK_READ_MAX) throw badInput([{ field: "ids", message: `Mark at most ${MARK_READ_MAX} at once.` }]);
    if (!ids.every(isUuid)) throw badInput([{ field: "ids", message: "Each id must be a notification id." }]);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await m.query(
        `UPDATE in_app_notifications SET read_at = now()
          WHERE institution_id = $1 AND membership_id = ANY($2::uuid[]) AND id = ANY($3::uuid[]) AND read_at IS NULL`,
        [viewer.institutionId, mine(viewer), ids],
      );
      return this.countUnread(m, viewer);
    });
  }

  async markAllRead(viewer: Viewer): Promise<number> {
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await m.query(
        `UPDATE in_app_notifications SET read_at = now() WHERE institution_id = $1 AND membership_id = ANY($2::uuid[]) AND read_at IS NULL`,
        [viewer.institutionId, mine(viewer)],
      );
      return this.countUnread(m, viewer);
    });
  }

  private async countUnread(m: EntityManager, viewer: Viewer): Promise<number> {
    const [row] = await sqlRows<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM in_app_notifications WHERE institution_id = $1 AND membership_id = ANY($2::uuid[]) AND read_at IS NULL`,
      [viewer.institutionId, mine(viewer)],
    );
    return row?.n ?? 0;
  }
}
