import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { EntityManager } from "typeorm";
import type { Viewer } from "../../auth/viewer";
import { enqueue } from "../../db/outbox";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { ServiceDeps } from "../../service-deps";
import { personActor, recordAudit, type AuditActor } from "../audit";
import type { DataExportService } from "../conversations";
import { buildArchive, folderName, type InstitutionPart } from "./data-archive";
import { alreadyErased, eraseSelfRefused, noErasurePending, personNotFound } from "./privacy.errors";
import type { AccountErasure, DataArchive } from "./privacy.types";
import { RetentionService } from "./retention.service";

interface MembershipRow {
  id: string;
  institution_id: string;
  role: string;
  slug: string;
}

/** What the name of an erased person becomes, per role, for the other side of their conversations. */
export const FORMER_NAMES: Record<string, string> = {
  STUDENT: "A former student",
  ALUMNUS: "A former alum",
  ADVISOR: "A former advisor",
  ADMIN: "A former administrator",
};

const ERASED_DOMAIN = "erased.invalid";

/** A message file as readable text: quoted-printable soft breaks and escapes undone, base64 parts decoded and appended. */
export function decodeMail(raw: string): string {
  const qp = raw.replace(/=\r?\n/g, "").replace(/(?:=[0-9A-F]{2})+/g, (run) => {
    try {
      return Buffer.from(run.replace(/=/g, ""), "hex").toString("utf8");
    } catch {
      return run;
    }
  });
  const base64Parts = [...raw.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi)].map((m) =>
    Buffer.from(m[1].replace(/\s+/g, ""), "base64").toString("utf8"),
  );
  return [qp, ...base64Parts].join("\n");
}

/** Lower case, whitespace runs as one space: how mail bodies and needles are compared (mail wraps long lines). */
export function normalizeMailText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ");
}

function archive(bytes: Uint8Array): DataArchive {
  return {
    filename: `infoview-data-${new Date().toISOString().slice(0, 10)}.zip`,
    contentType: "application/zip",
    bytes: bytes.length,
    base64: Buffer.from(bytes).toString("base64"),
  };
}

/**
 * Data rights (issue 13, ADR 0022): each person's archive of everything held about them, an admin's data-subject
 * export, and erasure — asked for by the person (after the institution's grace period) or done at once by an admin.
 */
export class PrivacyService {
  /** Retention per institution (ADR 0027): its settings, dry run and daily job, which erases with `erase` below. */
  readonly retention: RetentionService;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly dataExport: DataExportService,
  ) {
    this.retention = new RetentionService(deps, (institutionId, membershipId) =>
      this.erase(institutionId, membershipId, { kind: "SYSTEM" }),
    );
  }

  /** The person's own archive, across every institution they belong to. */
  async myArchive(viewer: Viewer): Promise<DataArchive> {
    const memberships = await tenantTransaction(this.deps.dataSource, { institutionId: null, identityId: viewer.identityId }, (m) =>
      sqlRows<MembershipRow>(
        m,
        `SELECT ms.id, ms.institution_id, ms.role, i.slug FROM memberships ms JOIN institutions i ON i.id = ms.institution_id
          WHERE ms.identity_id = $1 AND ms.erased_at IS NULL ORDER BY i.slug, ms.role`,
        [viewer.identityId],
      ),
    );
    const identity = await tenantTransaction(this.deps.dataSource, { institutionId: null, identityId: viewer.identityId }, (m) =>
      this.identitySection(m, viewer.identityId),
    );
    return archive(buildArchive(identity, await this.parts(memberships, viewer.identityId)));
  }

  /** An admin's data-subject export of one person of their institution: that institution's records only. Audited. */
  async personArchive(viewer: Viewer, membershipId: string): Promise<DataArchive> {
    const parts = await tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const person = await this.findMember(m, viewer.institutionId, membershipId);
      const mine = await sqlRows<MembershipRow>(
        m,
        `SELECT ms.id, ms.institution_id, ms.role, i.slug FROM memberships ms JOIN institutions i ON i.id = ms.institution_id
          WHERE ms.institution_id = $1 AND ms.identity_id = $2 AND ms.erased_at IS NULL`,
        [viewer.institutionId, person.identity_id],
      );
      const document = await this.dataExport.institutionDocument(
        m,
        viewer.institutionId,
        Object.fromEntries(mine.map((r) => [r.role, r.id])),
      );
      document.person = (
        await sqlRows(m, `SELECT display_name AS "displayName", email FROM identities WHERE id = $1`, [person.identity_id])
      )[0];
      await recordAudit(m, {
        institutionId: viewer.institutionId,
        actor: personActor(viewer, ["ADMIN"]),
        action: "person.exported",
        target: { type: "membership", id: membershipId },
        subjectMembershipId: membershipId,
      });
      return [{ folder: folderName(mine[0]?.slug ?? "institution", new Set()), document }];
    });
    return archive(buildArchive(null, parts));
  }

  private async parts(memberships: MembershipRow[], identityId: string): Promise<InstitutionPart[]> {
    const byInstitution = new Map<string, MembershipRow[]>();
    for (const row of memberships) byInstitution.set(row.institution_id, [...(byInstitution.get(row.institution_id) ?? []), row]);
    const taken = new Set<string>();
    const parts: InstitutionPart[] = [];
    for (const [institutionId, rows] of byInstitution) {
      const document = await tenantTransaction(this.deps.dataSource, { institutionId, identityId }, (m) =>
        this.dataExport.institutionDocument(m, institutionId, Object.fromEntries(rows.map((r) => [r.role, r.id]))),
      );
      parts.push({ folder: folderName(rows[0].slug, taken), document });
    }
    return parts;
  }

  private async identitySection(m: EntityManager, identityId: string): Promise<Record<string, unknown>> {
    const [identity] = await sqlRows(
      m,
      `SELECT display_name AS "displayName", email, locale, created_at AS "createdAt" FROM identities WHERE id = $1`,
      [identityId],
    );
    return {
      exportedAt: new Date().toISOString(),
      identity: identity ?? null,
      otherEmails: await sqlRows(
        m,
        `SELECT email, verified_at AS "verifiedAt", created_at AS "createdAt" FROM identity_emails WHERE identity_id = $1 ORDER BY created_at`,
        [identityId],
      ),
      sessions: await sqlRows(
        m,
        `SELECT created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"
           FROM sessions WHERE identity_id = $1 ORDER BY created_at`,
        [identityId],
      ),
    };
  }

  private async findMember(m: EntityManager, institutionId: string, membershipId: string) {
    const [person] = await sqlRows<{ id: string; identity_id: string; role: string; external_id: string | null; erased_at: Date | null }>(
      m,
      `SELECT id, identity_id, role, external_id, erased_at FROM memberships WHERE institution_id = $1 AND id = $2 FOR UPDATE`,
      [institutionId, membershipId],
    );
    if (!person) throw personNotFound();
    return person;
  }

  // ---------------------------------------------------------------- erasure

  /** The viewer's pending request, if any (the earliest due date across their institutions). */
  async myErasure(viewer: Viewer): Promise<AccountErasure> {
    const [row] = await tenantTransaction(this.deps.dataSource, { institutionId: null, identityId: viewer.identityId }, (m) =>
      sqlRows<{ requested_at: Date | null; due_at: Date | null }>(
        m,
        `SELECT min(erasure_requested_at) AS requested_at, max(erasure_due_at) AS due_at FROM memberships
          WHERE identity_id = $1 AND erased_at IS NULL AND erasure_due_at IS NOT NULL`,
        [viewer.identityId],
      ),
    );
    return { requestedAt: row?.requested_at ?? null, dueAt: row?.due_at ?? null };
  }

  /**
   * "Delete my account": every live membership of the person gets a due date, now plus its institution's grace
   * period; the erasure job runs it then. Asking again keeps the first dates. The person is emailed.
   */
  async requestErasure(viewer: Viewer): Promise<AccountErasure> {
    const memberships = await tenantTransaction(this.deps.dataSource, { institutionId: null, identityId: viewer.identityId }, (m) =>
      sqlRows<{ id: string; institution_id: string }>(
        m,
        `SELECT id, institution_id FROM memberships WHERE identity_id = $1 AND erased_at IS NULL AND erasure_due_at IS NULL`,
        [viewer.identityId],
      ),
    );
    for (const row of memberships) {
      await tenantTransaction(this.deps.dataSource, { institutionId: row.institution_id, identityId: viewer.identityId }, async (m) => {
        const [updated] = await sqlRows<{ erasure_due_at: Date }>(
          m,
          `UPDATE memberships ms SET erasure_requested_at = now(),
                  erasure_due_at = now() + make_interval(days => (SELECT erasure_grace_days FROM institutions WHERE id = ms.institution_id))
            WHERE ms.institution_id = $1 AND ms.id = $2 AND ms.erasure_due_at IS NULL AND ms.erased_at IS NULL RETURNING erasure_due_at`,
          [row.institution_id, row.id],
        );
        if (!updated) return;
        await recordAudit(m, {
          institutionId: row.institution_id,
          actor: { kind: "PERSON", identityId: viewer.identityId, membershipId: row.id },
          action: "person.erasure_requested",
          target: { type: "membership", id: row.id },
          subjectMembershipId: row.id,
          after: { dueAt: updated.erasure_due_at.toISOString() },
        });
        await enqueue(m, row.institution_id, "account.erasure_requested", { membershipId: row.id });
      });
    }
    return this.myErasure(viewer);
  }

  /** Cancels the viewer's pending request everywhere. */
  async cancelErasure(viewer: Viewer): Promise<AccountErasure> {
    const memberships = await tenantTransaction(this.deps.dataSource, { institutionId: null, identityId: viewer.identityId }, (m) =>
      sqlRows<{ id: string; institution_id: string }>(
        m,
        `SELECT id, institution_id FROM memberships WHERE identity_id = $1 AND erased_at IS NULL AND erasure_due_at IS NOT NULL`,
        [viewer.identityId],
      ),
    );
    if (memberships.length === 0) throw noErasurePending();
    for (const row of memberships) {
      await tenantTransaction(this.deps.dataSource, { institutionId: row.institution_id, identityId: viewer.identityId }, async (m) => {
        await m.query(
          `UPDATE memberships SET erasure_requested_at = NULL, erasure_due_at = NULL WHERE institution_id = $1 AND id = $2 AND erased_at IS NULL`,
          [row.institution_id, row.id],
        );
        await recordAudit(m, {
          institutionId: row.institution_id,
          actor: { kind: "PERSON", identityId: viewer.identityId, membershipId: row.id },
          action: "person.erasure_cancelled",
          target: { type: "membership", id: row.id },
          subjectMembershipId: row.id,
        });
      });
    }
    return this.myErasure(viewer);
  }

  /** An admin erases a person of their institution at once (every membership the person holds there). */
  async eraseNow(viewer: Viewer, membershipId: string): Promise<boolean> {
    const identityId = await tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const person = await this.findMember(m, viewer.institutionId, membershipId);
      if (person.erased_at) throw alreadyErased();
      if (person.identity_id === viewer.identityId) throw eraseSelfRefused();
      return person.identity_id;
    });
    const ids = await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      sqlRows<{ id: string }>(m, `SELECT id FROM memberships WHERE institution_id = $1 AND identity_id = $2 AND erased_at IS NULL`, [
        viewer.institutionId,
        identityId,
      ]),
    );
    for (const { id } of ids) await this.erase(viewer.institutionId, id, personActor(viewer, ["ADMIN"]));
    return true;
  }

  /** The erasure job, for one institution: runs the requests whose grace period is over. Returns how many. */
  async eraseDue(institutionId: string): Promise<number> {
    const due = await tenantTransaction(this.deps.dataSource, { institutionId }, (m) =>
      sqlRows<{ id: string }>(
        m,
        `SELECT id FROM memberships WHERE institution_id = $1 AND erased_at IS NULL AND erasure_due_at <= now() ORDER BY erasure_due_at LIMIT 100`,
        [institutionId],
      ),
    );
    for (const { id } of due) await this.erase(institutionId, id, { kind: "SYSTEM" });
    return due.length;
  }

  /**
   * Erases one membership: every personal value is deleted or irreversibly replaced (ADR 0022 lists what). The
   * membership moves to a fresh placeholder identity named "A former student" (alum, …), so the other side's own
   * records stay whole; facts (requests, states, dates, outcomes' kinds) stay for reports. When the person has no
   * other live membership anywhere, their identity is scrubbed and their sessions end.
   */
  async erase(institutionId: string, membershipId: string, actor: AuditActor): Promise<void> {
    const identityId = await tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      const [row] = await sqlRows<{ identity_id: string }>(m, `SELECT identity_id FROM memberships WHERE institution_id = $1 AND id = $2`, [
        institutionId,
        membershipId,
      ]);
      return row?.identity_id ?? null;
    });
    if (!identityId) throw personNotFound();
    const values = await tenantTransaction(this.deps.dataSource, { institutionId, identityId }, (m) =>
      this.eraseInTransaction(m, institutionId, membershipId, identityId, actor),
    );
    if (values) this.eraseMailFiles(values);
  }

  private async eraseInTransaction(
    m: EntityManager,
    institutionId: string,
    membershipId: string,
    identityId: string,
    actor: AuditActor,
  ): Promise<string[] | null> {
    const p = [institutionId, membershipId];
    const [person] = await sqlRows<{
      role: string;
      external_id: string | null;
      erased_at: Date | null;
      email: string;
      display_name: string;
    }>(
      m,
      `SELECT ms.role, ms.external_id, ms.erased_at, idn.email, idn.display_name
         FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id WHERE ms.institution_id = $1 AND ms.id = $2 FOR UPDATE OF ms`,
      p,
    );
    if (!person) throw personNotFound();
    if (person.erased_at) return null;
    const others = await sqlRows<{ id: string }>(
      m,
      `SELECT id FROM memberships WHERE identity_id = $1 AND erased_at IS NULL AND NOT (institution_id = $2 AND id = $3)`,
      [identityId, institutionId, membershipId],
    );
    const identityGoes = others.length === 0;

    // Everything that names the person or that they wrote, to find it again where it was copied (audit, outbox, mail).
    const [collected] = await sqlRows<{ values: string[] }>(
      m,
      `SELECT coalesce(array_agg(DISTINCT v) FILTER (WHERE v IS NOT NULL AND length(v) >= 3), '{}') AS values FROM (
         SELECT unnest(ARRAY[$3::text, $4::text]) AS v
         UNION ALL SELECT email FROM identity_emails WHERE identity_id = $5 AND $6
         UNION ALL SELECT unnest(ARRAY[contact_email, contact_phone, personal_meeting_link, linkedin_url, website_url, employer, title, bio]) FROM alumni_profiles WHERE institution_id = $1 AND membership_id = $2
         UNION ALL SELECT unnest(ARRAY[pitch] || links) FROM student_profiles WHERE institution_id = $1 AND membership_id = $2
         UNION ALL SELECT message FROM interview_requests WHERE institution_id = $1 AND student_id = $2
         UNION ALL SELECT q.text FROM request_questions q JOIN interview_requests r ON r.institution_id = q.institution_id AND r.id = q.request_id
                    WHERE r.institution_id = $1 AND r.student_id = $2 AND q.bank_id IS NULL
         UNION ALL SELECT unnest(ARRAY[decline_reason, meeting_location, meeting_link, meeting_phone, in_person_notes]) FROM interview_requests WHERE institution_id = $1 AND alumnus_id = $2
         UNION ALL SELECT unnest(ARRAY[advice, takeaways, next_step] || new_questions) FROM conversation_notes WHERE institution_id = $1 AND student_id = $2
         UNION ALL SELECT thank_you_text FROM follow_ups WHERE institution_id = $1 AND student_id = $2
         UNION ALL SELECT unnest(ARRAY[name, organization, role, how_to_reach, notes]) FROM contact_log_entries WHERE institution_id = $1 AND student_id = $2
         UNION ALL SELECT note FROM outcomes WHERE institution_id = $1 AND student_id = $2
         UNION ALL SELECT unnest(ARRAY[name, role, how_to_reach, note]) FROM referrals WHERE institution_id = $1 AND (student_id = $2 OR suggested_by_id = $2)
         UNION ALL SELECT note FROM alumnus_suggestions WHERE institution_id = $1 AND (student_id = $2 OR suggested_by_id = $2)
         UNION ALL SELECT reason FROM request_events WHERE institution_id = $1 AND actor_id = $2
         UNION ALL SELECT reason FROM consent_withdrawals WHERE institution_id = $1 AND membership_id = $2
       ) x(v)`,
      [institutionId, membershipId, person.email, person.display_name, identityId, identityGoes],
    );
    const values = collected.values;

    const statements: Array<[string, unknown[]]> = [
      // The student's side.
      [`UPDATE interview_requests SET message = '[erased]' WHERE institution_id = $1 AND student_id = $2`, p],
      [
        `UPDATE request_questions q SET text = '[erased]' FROM interview_requests r
          WHERE r.institution_id = q.institution_id AND r.id = q.request_id AND r.institution_id = $1 AND r.student_id = $2`,
        p,
      ],
      [`DELETE FROM conversation_notes WHERE institution_id = $1 AND student_id = $2`, p],
      [`UPDATE follow_ups SET thank_you_text = NULL WHERE institution_id = $1 AND student_id = $2`, p],
      [`DELETE FROM contact_log_entries WHERE institution_id = $1 AND student_id = $2`, p],
      [`UPDATE outcomes SET note = NULL WHERE institution_id = $1 AND student_id = $2`, p],
      [
        `UPDATE referrals SET name = '[erased]', role = NULL, how_to_reach = NULL, note = NULL
          WHERE institution_id = $1 AND (student_id = $2 OR suggested_by_id = $2)`,
        p,
      ],
      [`UPDATE alumnus_suggestions SET note = NULL WHERE institution_id = $1 AND (student_id = $2 OR suggested_by_id = $2)`, p],
      [`UPDATE student_profiles SET pitch = '', links = '{}' WHERE institution_id = $1 AND membership_id = $2`, p],
      // The alum's side.
      [
        `UPDATE alumni_profiles SET employer = NULL, title = NULL, location = NULL, bio = '', contact_email = NULL, contact_phone = NULL,
                personal_meeting_link = NULL, linkedin_url = NULL, website_url = NULL, paused = true
          WHERE institution_id = $1 AND membership_id = $2`,
        p,
      ],
      [
        `UPDATE interview_requests SET decline_reason = NULL, decline_referral = NULL, meeting_location = NULL, meeting_link = NULL,
                meeting_phone = NULL, in_person_notes = NULL
          WHERE institution_id = $1 AND alumnus_id = $2`,
        p,
      ],
      [`DELETE FROM availability_windows WHERE institution_id = $1 AND alumnus_id = $2`, p],
      [`DELETE FROM availability_slots WHERE institution_id = $1 AND alumnus_id = $2`, p],
      // Either side, and staff.
      [
        // What they asked for to take part, in their own words; the other side's needs stay with the other side.
        `DELETE FROM request_accommodations a USING interview_requests r
          WHERE a.institution_id = $1 AND r.institution_id = a.institution_id AND r.id = a.request_id
            AND ((a.side = 'STUDENT' AND r.student_id = $2) OR (a.side = 'ALUMNUS' AND r.alumnus_id = $2))`,
        p,
      ],
      [`DELETE FROM notification_preferences WHERE institution_id = $1 AND identity_id = $2`, [institutionId, identityId]],
      [`DELETE FROM notification_settings WHERE institution_id = $1 AND identity_id = $2`, [institutionId, identityId]],
      [`DELETE FROM digest_runs WHERE institution_id = $1 AND identity_id = $2`, [institutionId, identityId]],
      [`DELETE FROM calendar_feeds WHERE institution_id = $1 AND membership_id = $2`, p],
      // Their notification centre (ADR 0028); items of others that name them read the placeholder identity's name.
      [`DELETE FROM in_app_notifications WHERE institution_id = $1 AND membership_id = $2`, p],
      [`DELETE FROM idempotency_keys WHERE institution_id = $1 AND membership_id = $2`, p],
      [`DELETE FROM outbox_deliveries WHERE institution_id = $1 AND recipient = $2::text`, p],
      // Emails and events still waiting that concern the person.
      [
        `DELETE FROM outbox WHERE institution_id = $1 AND delivered_at IS NULL
            AND $2::text IN (payload->>'membershipId', payload->>'studentId', payload->>'alumnusId')`,
        p,
      ],
      [`DELETE FROM sign_in_events WHERE institution_id = $1 AND (actor_id = $2 OR identity_id = $3)`, [...p, identityId]],
      [
        `DELETE FROM invitations WHERE institution_id = $1 AND lower(email) = ANY($2::text[])`,
        [institutionId, values.map((v) => v.toLowerCase())],
      ],
    ];
    for (const [sql, params] of statements) await m.query(sql, params);
    // Anything that still quotes them in a JSON column of this institution.
    const needles = [...new Set(values.flatMap((v) => [v.toLowerCase(), JSON.stringify(v).slice(1, -1).toLowerCase()]))];
    for (const [table, column] of [
      ["outbox", "payload"],
      ["webhook_deliveries", "payload"],
      ["bulk_idempotency_keys", "result"],
    ]) {
      await m.query(
        `DELETE FROM ${table} WHERE institution_id = $1 AND EXISTS (SELECT 1 FROM unnest($2::text[]) v WHERE strpos(lower(${column}::text), v) > 0)`,
        [institutionId, needles],
      );
    }
    await m.query(`SELECT deidentify_person($1, $2, $3, $4)`, [institutionId, membershipId, identityId, needles]);

    // A placeholder identity of its own, so "A former student" is what the other side reads.
    const [ghost] = await sqlRows<{ id: string }>(m, `INSERT INTO identities (email, display_name) VALUES ($1, $2) RETURNING id`, [
      `erased-${membershipId}@${ERASED_DOMAIN}`,
      FORMER_NAMES[person.role] ?? "A former member",
    ]);
    await m.query(
      `UPDATE memberships SET identity_id = $3, erased_at = now(), erasure_due_at = NULL, erasure_requested_at = NULL, external_id = NULL,
              deactivated_at = coalesce(deactivated_at, now()), updated_at = now()
        WHERE institution_id = $1 AND id = $2`,
      [...p, ghost.id],
    );
    if (identityGoes) {
      const emails = values.filter((v) => v.includes("@")).map((v) => v.toLowerCase());
      await m.query(`DELETE FROM sessions WHERE identity_id = $1`, [identityId]);
      await m.query(`DELETE FROM identity_emails WHERE identity_id = $1`, [identityId]);
      await m.query(`DELETE FROM email_tokens WHERE identity_id = $1 OR lower(email) = ANY($2::text[])`, [identityId, emails]);
      await m.query(`DELETE FROM sign_in_codes WHERE identity_id = $1`, [identityId]);
      await m.query(`DELETE FROM sign_in_attempts WHERE lower(email) = ANY($1::text[])`, [emails]);
      await m.query(`DELETE FROM email_token_requests WHERE lower(email) = ANY($1::text[])`, [emails]);
      await m.query(
        `UPDATE identities SET email = $2, display_name = 'A former member', password_hash = NULL, locale = NULL, updated_at = now() WHERE id = $1`,
        [identityId, `erased-${identityId}@${ERASED_DOMAIN}`],
      );
    }
    await m.query(`INSERT INTO deleted_records (institution_id, entity, entity_id, role, external_id) VALUES ($1, 'PERSON', $2, $3, $4)`, [
      ...p,
      person.role,
      person.external_id,
    ]);
    await enqueue(m, institutionId, "person.erased", { membershipId, role: person.role, externalId: person.external_id });
    await recordAudit(m, {
      institutionId,
      actor,
      action: "person.erased",
      target: { type: "membership", id: membershipId },
      subjectMembershipId: membershipId,
    });
    return values;
  }

  /** Mail written to files (no SMTP server configured): the messages that name the person go too. */
  private eraseMailFiles(values: string[]): void {
    if (this.deps.config.smtpUrl) return;
    const folder = path.join(this.deps.config.dataDir, "mail");
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    const needles = values.filter((v) => v.length >= 3).map(normalizeMailText);
    for (const name of names) {
      const file = path.join(folder, name);
      try {
        const text = normalizeMailText(decodeMail(readFileSync(file, "utf8")));
        if (needles.some((n) => text.includes(n))) rmSync(file, { force: true });
      } catch {
        // A file being written or already gone: the next erasure or a retention pass sees it.
      }
    }
  }
}
