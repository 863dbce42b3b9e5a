import type { EntityManager } from "typeorm";

/** What the outbox announces. Each topic is delivered as email, real-time event and (later) webhook. */
export type OutboxTopic =
  | "request.created"
  | "request.accepted"
  | "request.declined"
  | "request.expired"
  | "request.withdrawn"
  | "request.completed"
  | "request.cancelled"
  | "request.no_show"
  | "request.time_proposed"
  | "request.expiry_reminder"
  | "followup.thank_you_due"
  | "followup.update_due"
  | "consent.withdrawn";

/**
 * Records an announcement in the same transaction as the change it announces, so a change is
 * never announced without happening, nor happens without being announced.
 */
export async function enqueue(manager: EntityManager, institutionId: string, topic: OutboxTopic, payload: Record<string, unknown>): Promise<void> {
  await manager.query(`INSERT INTO outbox (institution_id, topic, payload) VALUES ($1, $2, $3)`, [institutionId, topic, JSON.stringify(payload)]);
}
