import type { EntityManager } from "typeorm";
import { recordAudit, type AuditActor } from "../audit";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { badInput } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { isUuid } from "../../shared/cursor-pagination";
import { recordChange } from "../requests";
import type { RequestState, Side } from "../requests";
import { bulkTooLarge } from "./integrations.errors";
import { MAX_UPSERT_ROWS } from "./people-upsert.service";
import type { PeopleSelectionInput, PeopleStatusResult, RowError } from "./people.types";

const EXTERNAL_ID = /^[\x21-\x7e]{1,100}$/;

/** The reason recorded on requests closed by a deactivation (shown to the other person in their email). */
export const DEACTIVATION_REASON = "This person is no longer active on Infoview at this institution.";

interface Target {
  id: string;
  externalId: string | null;
  role: string;
  inactive: boolean;
}

interface OpenRequest {
  id: string;
  institutionId: string;
  studentId: string;
  alumnusId: string;
  state: "REQUESTED" | "ACCEPTED";
}

const rowError = (row: number, externalId: string | null, field: string, code: string, message: string): RowError => ({
  row,
  externalId,
  field,
  code,
  message,
});

/**
 * Deactivation (not erasure) of students and alumni, and its undoing. A deactivated membership keeps its
 * history; it cannot sign in (its sessions are revoked in the same transaction), leaves the directory and
 * matching, its open requests are closed with the other side told through the outbox, and the people feed
 * shows it with `active: false`. Both operations are idempotent: people already in the state asked for are
 * counted `unchanged` and not written.
 */
export class PeopleStatusService {
  constructor(private readonly deps: Pick<ServiceDeps, "dataSource" | "config">) {}

  deactivate(institutionId: string, input: PeopleSelectionInput, actor: AuditActor = { kind: "SYSTEM" }): Promise<PeopleStatusResult> {
    return this.change(institutionId, input, true, actor);
  }

  reactivate(institutionId: string, input: PeopleSelectionInput, actor: AuditActor = { kind: "SYSTEM" }): Promise<PeopleStatusResult> {
    return this.change(institutionId, input, false, actor);
  }

  private async change(
    institutionId: string,
    input: PeopleSelectionInput,
    deactivate: boolean,
    actor: AuditActor,
  ): Promise<PeopleStatusResult> {
    const externalIds = input.externalIds ?? [];
    const membershipIds = input.membershipIds ?? [];
    if (externalIds.length + membershipIds.length > MAX_UPSERT_ROWS) throw bulkTooLarge(MAX_UPSERT_ROWS);
    if (externalIds.length + membershipIds.length === 0)
      throw badInput([{ field: "externalIds", message: "Give at least one external id or membership id." }]);
    if (externalIds.length > 0 && !input.kind)
      throw badInput([{ field: "kind", message: "Say whether the external ids are students' (STUDENT) or alumni's (ALUMNUS)." }]);

    const result: PeopleStatusResult = { changed: 0, unchanged: 0, requestsClosed: 0, errors: [] };
    const byExternal = new Map<string, number>();
    externalIds.forEach((raw, row) => {
      const id = typeof raw === "string" ? raw.trim() : "";
      if (!id) result.errors.push(rowError(row, null, "externalIds", "REQUIRED", "An external id is required."));
      else if (!EXTERNAL_ID.test(id))
        result.errors.push(rowError(row, id, "externalIds", "INVALID", "An external id is 1–100 printable characters, without spaces."));
      else if (byExternal.has(id))
        result.errors.push(rowError(row, id, "externalIds", "DUPLICATE_IN_BATCH", `Already given at index ${byExternal.get(id)}.`));
      else byExternal.set(id, row);
    });
    const byMembership = new Map<string, number>();
    membershipIds.forEach((raw, row) => {
      const id = typeof raw === "string" ? raw.trim().toLowerCase() : "";
      if (!id) result.errors.push(rowError(row, null, "membershipIds", "REQUIRED", "A membership id is required."));
      else if (!isUuid(id)) result.errors.push(rowError(row, null, "membershipIds", "INVALID", "A membership id is a UUID."));
      else if (byMembership.has(id))
        result.errors.push(rowError(row, null, "membershipIds", "DUPLICATE_IN_BATCH", `Already given at index ${byMembership.get(id)}.`));
      else byMembership.set(id, row);
    });

    if (byExternal.size + byMembership.size > 0) {
      await tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
        await m.query(`SELECT set_config('statement_timeout', $1, true)`, [`${this.deps.config.api.bulkTimeoutMs}ms`]);
        const found = await sqlRows<Target>(
          m,
          `SELECT id, external_id AS "externalId", role, deactivated_at IS NOT NULL AS inactive FROM memberships
            WHERE institution_id = $1 AND role IN ('STUDENT','ALUMNUS')
              AND ((role = $2 AND external_id = ANY($3::text[])) OR id = ANY($4::uuid[]))
            ORDER BY id FOR UPDATE`,
          [institutionId, input.kind ?? null, [...byExternal.keys()], [...byMembership.keys()]],
        );
        const foundExternal = new Map(found.filter((t) => t.role === input.kind && t.externalId).map((t) => [t.externalId as string, t]));
        const foundId = new Map(found.map((t) => [t.id, t]));
        const targets = new Map<string, Target>();
        for (const [id, row] of byExternal) {
          const t = foundExternal.get(id);
          if (t) targets.set(t.id, t);
          else
            result.errors.push(
              rowError(row, id, "externalIds", "NOT_FOUND", `No ${input.kind?.toLowerCase()} with this external id here.`),
            );
        }
        for (const [id, row] of byMembership) {
          const t = foundId.get(id);
          if (t) targets.set(t.id, t);
          else result.errors.push(rowError(row, null, "membershipIds", "NOT_FOUND", "No student or alum with this membership id here."));
        }
        const toChange = [...targets.values()].filter((t) => t.inactive !== deactivate);
        result.unchanged = targets.size - toChange.length;
        result.changed = toChange.length;
        if (toChange.length === 0) return;
        const changed = await sqlRows<{ id: string; identityId: string; role: Side }>(
          m,
          `UPDATE memberships SET deactivated_at = ${deactivate ? "now()" : "NULL"}, updated_at = now()
            WHERE id = ANY($1::uuid[]) RETURNING id, identity_id AS "identityId", role`,
          [toChange.map((t) => t.id)],
        );
        // One row per person, in the same transaction: who deactivated (or reactivated) whom, and when.
        await recordAudit(
          m,
          ...changed.map((c) => ({
            institutionId,
            actor,
            action: deactivate ? ("membership.deactivated" as const) : ("membership.reactivated" as const),
            target: { type: "membership", id: c.id },
            subjectMembershipId: c.id,
            before: { active: deactivate },
            after: { active: !deactivate },
          })),
        );
        if (!deactivate) return;
        // Signed out everywhere at once: access tokens die with their session, and refresh tokens are refused.
        await m.query(`UPDATE sessions SET revoked_at = now() WHERE identity_id = ANY($1::uuid[]) AND revoked_at IS NULL`, [
          [...new Set(changed.map((c) => c.identityId))],
        ]);
        result.requestsClosed = await this.closeOpenRequests(
          m,
          institutionId,
          changed.map((c) => c.id),
        );
      });
    }
    result.errors.sort((a, b) => (a.field === b.field ? a.row - b.row : a.field === "externalIds" ? -1 : 1));
    return result;
  }

  /**
   * Closes the open requests of the people just deactivated, as the state machine would for their side: a
   * student's pending request is WITHDRAWN, a pending request to an alum DECLINED, a booked meeting CANCELLED
   * (its calendar invite becomes a cancellation). Each change is recorded and announced through the outbox
   * like any other, so the other person is told (the deactivated one gets no email) and webhooks fire.
   */
  private async closeOpenRequests(m: EntityManager, institutionId: string, membershipIds: string[]): Promise<number> {
    const open = await sqlRows<OpenRequest>(
      m,
      `SELECT id, institution_id AS "institutionId", student_id AS "studentId", alumnus_id AS "alumnusId", state
         FROM interview_requests
        WHERE institution_id = $1 AND state IN ('REQUESTED','ACCEPTED') AND (student_id = ANY($2::uuid[]) OR alumnus_id = ANY($2::uuid[]))
        ORDER BY id FOR UPDATE`,
      [institutionId, membershipIds],
    );
    if (open.length === 0) return 0;
    const gone = new Set(membershipIds);
    const plan = open.map((r) => {
      const side: Side = gone.has(r.studentId) ? "STUDENT" : "ALUMNUS";
      const to: RequestState = r.state === "ACCEPTED" ? "CANCELLED" : side === "STUDENT" ? "WITHDRAWN" : "DECLINED";
      return { r, side, to };
    });
    const sequences = new Map(
      (
        await sqlRows<{ id: string; sequence: number }>(
          m,
          `UPDATE interview_requests r
              SET state = u.to_state, closed_at = now(), updated_at = now(),
                  close_reason = CASE WHEN u.to_state = 'DECLINED' THEN r.close_reason ELSE $3 END,
                  decline_reason = CASE WHEN u.to_state = 'DECLINED' THEN $3 ELSE r.decline_reason END,
                  answered_at = CASE WHEN u.to_state = 'DECLINED' THEN now() ELSE r.answered_at END,
                  calendar_sequence = r.calendar_sequence + CASE WHEN u.to_state = 'CANCELLED' THEN 1 ELSE 0 END
             FROM unnest($1::uuid[], $2::text[]) AS u(id, to_state)
            WHERE r.id = u.id
            RETURNING r.id, r.calendar_sequence AS sequence`,
          [plan.map((p) => p.r.id), plan.map((p) => p.to), DEACTIVATION_REASON],
        )
      ).map((r) => [r.id, r.sequence]),
    );
    await m.query(`UPDATE proposed_times SET status = 'SUPERSEDED' WHERE request_id = ANY($1::uuid[]) AND status = 'OPEN'`, [
      plan.map((p) => p.r.id),
    ]);
    const topics = { WITHDRAWN: "request.withdrawn", DECLINED: "request.declined", CANCELLED: "request.cancelled" } as const;
    for (const { r, side, to } of plan) {
      await recordChange(
        m,
        { request: r, actor: "SYSTEM", actorId: null, from: r.state, to, kind: "TRANSITION", reason: DEACTIVATION_REASON },
        topics[to as keyof typeof topics],
        { sequence: sequences.get(r.id), deactivated: side },
      );
    }
    return plan.length;
  }
}
