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

/**
 * SQL that is true while the membership in `membershipIdSql` holds an active consent of `kind`.
 * For other modules' queries that must filter or page by consent in the database (e.g. the directory).
 */
export function activeConsentCondition(membershipIdSql: string, kind: ConsentKind): string {
  // The kind becomes a literal, so it must be one of ours and nothing else.
  if (!CONSENT_KINDS.includes(kind)) throw new Error(`unknown consent kind ${String(kind)}`);
  return `EXISTS (SELECT 1 FROM consents c WHERE c.membership_id = ${membershipIdSql} AND c.kind = '${kind}' AND c.withdrawn_at IS NULL)`;
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
      const text = await this.latestText(m, viewer.institutionId, kind);
      if (!text) throw consentTextMissing();
      const active = await this.activeConsent(m, viewer.institutionId, membershipId, kind);
      if (active?.consentTextId === text.id) return active;
      if (active) await m.query(`UPDATE consents SET withdrawn_at = now() WHERE id = $1 AND withdrawn_at IS NULL`, [active.id]);
      // A concurrent call may have recorded the same agreement first; the partial unique index keeps one.
      await m.query(
        `INSERT INTO consents (institution_id, membership_id, consent_text_id, kind) VALUES ($1, $2, $3, $4)
         ON CONFLICT (institution_id, membership_id, kind) WHERE withdrawn_at IS NULL DO NOTHING`,
        [viewer.institutionId, membershipId, text.id, kind],
      );
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
      const rows = await sqlRows<{ id: string }>(
        m,
        `UPDATE consents SET withdrawn_at = now()
          WHERE institution_id = $1 AND membership_id = $2 AND kind = $3 AND withdrawn_at IS NULL
          RETURNING id`,
        [viewer.institutionId, membershipId, kind],
      );
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
      return m.getRepository(ConsentText).findOneByOrFail({ id: rows[0].id });
    });
  }

  /**
   * The active consent kinds of each membership, in one query. Every id asked for is in the map.
   * For other services, inside their own tenant transaction; they check permissions themselves.
   */
  async activeKinds(manager: EntityManager, membershipIds: string[]): Promise<Map<string, Set<ConsentKind>>> {
    const result = new Map(membershipIds.map((id) => [id, new Set<ConsentKind>()]));
    if (membershipIds.length === 0) return result;
    const rows: Array<{ membership_id: string; kind: ConsentKind }> = await manager.query(
      `SELECT membership_id, kind FROM consents WHERE membership_id = ANY($1::uuid[]) AND withdrawn_at IS NULL`,
      [[...new Set(membershipIds)]],
    );
    for (const row of rows) result.get(row.membership_id)?.add(row.kind);
    return result;
  }

  /** Whether one membership holds an active consent of `kind`, inside the caller's tenant transaction. */
  async hasConsent(manager: EntityManager, membershipId: string, kind: ConsentKind): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM consents WHERE membership_id = $1 AND kind = $2 AND withdrawn_at IS NULL LIMIT 1`,
      [membershipId, kind],
    );
    return rows.length > 0;
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
