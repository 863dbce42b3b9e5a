import type { EntityManager } from "typeorm";
import { enqueue, type OutboxTopic } from "../../db/outbox";
import type { Actor, RequestState } from "./request-state";
import type { RequestEventKind } from "./requests.enums";

export interface RequestParties {
  id: string;
  institutionId: string;
  studentId: string;
  alumnusId: string;
}

export interface RequestChange {
  request: RequestParties;
  actor: Actor;
  /** The membership that acted; null for the system. */
  actorId: string | null;
  from: RequestState | null;
  to: RequestState;
  kind: RequestEventKind;
  reason?: string | null;
}

/**
 * Records a change in the append-only history and announces it through the outbox, in the caller's
 * transaction: the change, its history entry and its announcement commit together or not at all.
 * The payload carries ids only; whoever delivers it reads what it may show.
 */
export async function recordChange(
  m: EntityManager,
  change: RequestChange,
  topic: OutboxTopic,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const { request } = change;
  await m.query(
    `INSERT INTO request_events (institution_id, request_id, actor_id, from_state, to_state, kind, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [request.institutionId, request.id, change.actorId, change.from, change.to, change.kind, change.reason ?? null],
  );
  await enqueue(m, request.institutionId, topic, {
    requestId: request.id,
    studentId: request.studentId,
    alumnusId: request.alumnusId,
    from: change.from,
    to: change.to,
    actor: change.actor,
    ...extra,
  });
}
