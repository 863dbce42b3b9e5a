import { In, IsNull, type EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { forbidden } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import type { ConsentKind } from "./consent-kind.enum";
import { CONSENT_KIND_ROLE, CONSENT_KINDS } from "./consent-kind.enum";
import { ConsentText } from "./consent-text.entity";
import { Consent } from "./consent.entity";
import { consentNotForRole, consentTextMissing } from "./consent.errors";
import type { PublishConsentTextArgs } from "./consent.inputs";
import { canGiveConsent, canPublishConsentText, consentKindsVisibleTo } from "./consent.policy";
import { enqueue } from "../../db/outbox";
import { personActor, recordAudit } from "../audit";
import { decodeCursor, toPage } from "../../shared/cursor-pagination";
import {
  type ConsentRecord,
  type ConsentRecordConnection,
  type ConsentRecordsArgs,
  ConsentRecordStatus,
  type ConsentVersionCount,
} from "./consent-records.types";

/**
 * SQL that is true while the membership in `membershipIdSql` holds an active consent of `kind`.
 * For other modules' queries that must filter or page by consent in the database (e.g. the directory).
 */
export function activeConsentCondition(membershipIdSql: string, kind: ConsentKind): string {
  // The kind becomes a literal, so it must be one of ours and nothing else.
  if (!CONSENT_KINDS.includes(kind)) throw new Error(`unknown consent kind ${String(kind)}`);
  return `EXISTS (SELECT 1 FROM consents c WHERE c.membership_id = ${membershipIdSql} AND c.kind = '${kind}' AND c.in_force)`;
}

export class ConsentService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The latest text of each kind the viewer may read, in the order kinds are shown. */
  async latestTexts(viewer: Viewer): Promise<ConsentText[]> {
    const kinds = consentKindsVisibleTo(viewer);
    if (kinds.length === 0) return [];
    // Every version of those kinds (a handful: texts are republished rarely), newest first; the first of each kind is the latest.
    const versions = await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      m.getRepository(ConsentText).find({
        where: { institutionId: viewer.institutionId, kind: In(kinds) },
        order: { kind: "ASC", version: "DESC" },
      }),
    );
    const texts = versions.filter((text, i) => i === 0 || versions[i - 1].kind !== text.kind);
    return texts.sort((a, b) => CONSENT_KINDS.indexOf(a.kind) - CONSENT_KINDS.indexOf(b.kind));
  }

  /** Every consent the viewer's memberships here have given, newest first, with the text version of each. */
  async myConsents(viewer: Viewer): Promise<Consent[]> {
    const membershipIds = Object.values(viewer.memberships).filter((id): id is string => typeof id === "string");
    if (membershipIds.length === 0) return [];
    return tenantTransaction(this.deps.dataSource, viewer, (m) =>
      m.getRepository(Consent).find({
        where: { institutionId: viewer.institutionId, membershipId: In(membershipIds) },
        relations: { text: true },
        order: { givenAt: "DESC", id: "ASC" },
      }),
    );
  }

  /**
   * Records agreement to the latest text of `kind`. Already agreed to that version: nothing changes.
   * Agreed to an older version: that one is closed and the new one recorded in the same transaction,
   * so the consent never lapses and exactly one stays active.
   */
  async give(viewer: Viewer, kind: ConsentKind): Promise<Consent> {
    if (!canGiveConsent(viewer, kind)) throw consentNotForRole();
    const membershipId = viewer.memberships[CONSENT_KIND_ROLE[kind]] as string;
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      // One change at a time per person and kind, so exactly one agreement stays active (ADR 0019: rows are only added).
      await this.lockLedger(m, viewer.institutionId, membershipId, kind);
      const text = await this.latestText(m, viewer.institutionId, kind);
      if (!text) throw consentTextMissing();
      const active = await this.activeConsent(m, viewer.institutionId, membershipId, kind);
      if (active?.consentTextId === text.id) return active;
      // Agreeing to a newer version closes the older agreement in the same instant: no gap, and never an update.
      if (active) await this.closeActive(m, viewer.institutionId, membershipId, kind, "REPLACED");
      await m.query(`INSERT INTO consent_grants (institution_id, membership_id, consent_text_id, kind) VALUES ($1, $2, $3, $4)`, [
        viewer.institutionId,
        membershipId,
        text.id,
        kind,
      ]);
      await enqueue(m, viewer.institutionId, "consent.given", { membershipId, kind, version: text.version });
      const recorded = await this.activeConsent(m, viewer.institutionId, membershipId, kind);
      if (!recorded) throw new Error("consent was not recorded");
      return recorded;
    });
  }

  /** Withdraws the active consent of `kind`, effective at once. Null when none was active. */
  async withdraw(viewer: Viewer, kind: ConsentKind): Promise<Consent | null> {
    if (!canGiveConsent(viewer, kind)) throw consentNotForRole();
    const membershipId = viewer.memberships[CONSENT_KIND_ROLE[kind]] as string;
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await this.lockLedger(m, viewer.institutionId, membershipId, kind);
      const rows = await this.closeActive(m, viewer.institutionId, membershipId, kind, "WITHDRAWN");
      if (rows.length === 0) return null;
      // Announced in the same transaction: webhooks tell the institution's systems at once.
      await enqueue(m, viewer.institutionId, "consent.withdrawn", { membershipId, kind });
      return m.getRepository(Consent).findOneOrFail({ where: { id: rows[0].id }, relations: { text: true } });
    });
  }

  /** Publishes a new version of a consent text. Earlier agreements stay tied to the version they were given against. */
  async publishText(viewer: Viewer, { kind, body }: PublishConsentTextArgs): Promise<ConsentText> {
    if (!canPublishConsentText(viewer)) throw forbidden();
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      // Two admins publishing at once would pick the same version number; take turns per kind.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`consent_texts:${viewer.institutionId}:${kind}`]);
      const rows = await sqlRows<{ id: string }>(
        m,
        `INSERT INTO consent_texts (institution_id, kind, version, body)
         SELECT $1, $2, coalesce(max(version), 0) + 1, $3 FROM consent_texts WHERE institution_id = $1 AND kind = $2
         RETURNING id`,
        [viewer.institutionId, kind, body.trim()],
      );
      const text = await m.getRepository(ConsentText).findOneByOrFail({ id: rows[0].id });
      await recordAudit(m, {
        institutionId: viewer.institutionId,
        actor: personActor(viewer, ["ADMIN"]),
        action: "consent_text.published",
        target: { type: "consent_text", id: text.id },
        after: { kind, version: text.version },
      });
      return text;
    });
  }

  /**
   * The latest texts the viewer agreed to an older version of and has not reviewed (agreed to again or withdrawn):
   * the web client asks them at sign-in. Until they do, the institution's consentReviewPolicy decides whether the
   * older agreement applies.
   */
  async toReview(viewer: Viewer): Promise<ConsentText[]> {
    const membershipIds = Object.values(viewer.memberships).filter((id): id is string => typeof id === "string");
    if (membershipIds.length === 0) return [];
    const texts = await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      m
        .getRepository(ConsentText)
        .createQueryBuilder("t")
        .where("t.institution_id = :institutionId", { institutionId: viewer.institutionId })
        .andWhere(`t.version = (SELECT max(l.version) FROM consent_texts l WHERE l.institution_id = t.institution_id AND l.kind = t.kind)`)
        .andWhere(
          `EXISTS (SELECT 1 FROM consents c WHERE c.institution_id = t.institution_id AND c.membership_id IN (:...membershipIds)
                     AND c.kind = t.kind AND c.withdrawn_at IS NULL AND c.text_version < t.version)`,
          { membershipIds },
        )
        .getMany(),
    );
    return texts.sort((a, b) => CONSENT_KINDS.indexOf(a.kind) - CONSENT_KINDS.indexOf(b.kind));
  }

  /** Consent records of one kind for admins and `consents:read` keys: who holds it (or withdrew it), at which version, since when. */
  async records(institutionId: string, args: ConsentRecordsArgs): Promise<ConsentRecordConnection> {
    const cursor = decodeCursor(args.after);
    const params: unknown[] = [institutionId, args.kind];
    const conditions = [`c.institution_id = $1`, `c.kind = $2`];
    if (args.status === ConsentRecordStatus.ACTIVE) conditions.push(`c.withdrawn_at IS NULL`);
    else if (args.status === ConsentRecordStatus.WITHDRAWN) conditions.push(`c.withdrawal_reason = 'WITHDRAWN'`);
    if (args.version != null) {
      params.push(args.version);
      conditions.push(`c.text_version = $${params.length}`);
    }
    if (cursor) {
      params.push(cursor.key, cursor.id);
      conditions.push(`(coalesce(c.withdrawn_at, c.given_at), c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(args.first + 1);
    const rows = await tenantTransaction(this.deps.dataSource, { institutionId }, (m) =>
      sqlRows<ConsentRecord & { cursorKey: string }>(
        m,
        `SELECT c.id, c.membership_id AS "membershipId", ms.external_id AS "externalId", ms.role, i.display_name AS "displayName",
                c.kind, c.text_version AS version, c.given_at AS "givenAt", c.withdrawn_at AS "withdrawnAt",
                c.withdrawal_reason AS "withdrawalReason", c.in_force AS "inForce",
                coalesce(c.withdrawn_at, c.given_at)::text AS "cursorKey"
           FROM consents c
           JOIN memberships ms ON ms.institution_id = c.institution_id AND ms.id = c.membership_id
           JOIN identities i ON i.id = ms.identity_id
          WHERE ${conditions.join(" AND ")}
          ORDER BY coalesce(c.withdrawn_at, c.given_at) DESC, c.id DESC
          LIMIT $${params.length}`,
        params,
      ),
    );
    return toPage(
      rows.slice(0, args.first),
      rows.length > args.first,
      (r) => ({ key: r.cursorKey, id: r.id }),
      ({ cursorKey: _key, ...record }) => record,
    );
  }

  /** Per kind and text version: how many agreements are active, in force, replaced and withdrawn. */
  async versionCounts(institutionId: string, kind: ConsentKind | null): Promise<ConsentVersionCount[]> {
    const rows = await tenantTransaction(this.deps.dataSource, { institutionId }, (m) =>
      sqlRows<ConsentVersionCount>(
        m,
        `SELECT t.kind, t.version,
                count(c.id) FILTER (WHERE c.withdrawn_at IS NULL)::int AS active,
                count(c.id) FILTER (WHERE c.in_force)::int AS "inForce",
                count(c.id) FILTER (WHERE c.withdrawal_reason = 'REPLACED')::int AS replaced,
                count(c.id) FILTER (WHERE c.withdrawal_reason = 'WITHDRAWN')::int AS withdrawn
           FROM consent_texts t
           LEFT JOIN consents c ON c.institution_id = t.institution_id AND c.consent_text_id = t.id
          WHERE t.institution_id = $1 AND ($2::text IS NULL OR t.kind = $2)
          GROUP BY t.kind, t.version
          ORDER BY t.kind, t.version DESC`,
        [institutionId, kind],
      ),
    );
    return rows.sort((a, b) => CONSENT_KINDS.indexOf(a.kind) - CONSENT_KINDS.indexOf(b.kind) || b.version - a.version);
  }

  /**
   * The active consent kinds of each membership, in one query. Every id asked for is in the map.
   * For other services, inside their own tenant transaction; they check permissions themselves.
   */
  async activeKinds(manager: EntityManager, membershipIds: string[]): Promise<Map<string, Set<ConsentKind>>> {
    const result = new Map(membershipIds.map((id) => [id, new Set<ConsentKind>()]));
    if (membershipIds.length === 0) return result;
    const rows: Array<{ membership_id: string; kind: ConsentKind }> = await manager.query(
      `SELECT membership_id, kind FROM consents WHERE membership_id = ANY($1::uuid[]) AND in_force`,
      [[...new Set(membershipIds)]],
    );
    for (const row of rows) result.get(row.membership_id)?.add(row.kind);
    return result;
  }

  /** Whether one membership holds an active consent of `kind`, inside the caller's tenant transaction. */
  async hasConsent(manager: EntityManager, membershipId: string, kind: ConsentKind): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM consents WHERE membership_id = $1 AND kind = $2 AND in_force LIMIT 1`, [
      membershipId,
      kind,
    ]);
    return rows.length > 0;
  }

  private async lockLedger(m: EntityManager, institutionId: string, membershipId: string, kind: ConsentKind): Promise<void> {
    // The same key as the trigger consent_grants_one_active (migration 1795305603200), which takes it again.
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`consents:${institutionId}:${membershipId}:${kind}`]);
  }

  /** Records the end of the active agreement(s) of a kind: a new row, never a change. Returns the ended agreements. */
  private closeActive(
    m: EntityManager,
    institutionId: string,
    membershipId: string,
    kind: ConsentKind,
    reason: "WITHDRAWN" | "REPLACED",
  ): Promise<Array<{ id: string }>> {
    return sqlRows<{ id: string }>(
      m,
      `INSERT INTO consent_withdrawals (institution_id, consent_id, membership_id, kind, reason)
       SELECT c.institution_id, c.id, c.membership_id, c.kind, $4 FROM consents c
        WHERE c.institution_id = $1 AND c.membership_id = $2 AND c.kind = $3 AND c.withdrawn_at IS NULL
       ON CONFLICT (institution_id, consent_id) DO NOTHING
       RETURNING consent_id AS id`,
      [institutionId, membershipId, kind, reason],
    );
  }

  private latestText(m: EntityManager, institutionId: string, kind: ConsentKind): Promise<ConsentText | null> {
    return m.getRepository(ConsentText).findOne({ where: { institutionId, kind }, order: { version: "DESC" } });
  }

  private activeConsent(m: EntityManager, institutionId: string, membershipId: string, kind: ConsentKind): Promise<Consent | null> {
    return m.getRepository(Consent).findOne({
      where: { institutionId, membershipId, kind, withdrawnAt: IsNull() },
      relations: { text: true },
    });
  }
}
