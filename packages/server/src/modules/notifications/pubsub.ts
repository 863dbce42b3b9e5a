import { randomUUID } from "node:crypto";
import { createPubSub, SlidingBuffer } from "@graphql-yoga/subscription";
import type { PubSub } from "type-graphql";
import type { EntityManager } from "typeorm";
import { IMPORT_TOPIC_PREFIX, isImportProgressEvent } from "./people-import.topics";
import type { PgListener } from "./pg-listener";

/** The NOTIFY channel that carries real-time events between server processes. */
export const EVENTS_CHANNEL = "infoview_events";

export const REQUEST_NOTIFICATION_KINDS = [
  "CREATED",
  "ACCEPTED",
  "RESCHEDULED",
  "TIME_PROPOSED",
  "DECLINED",
  "EXPIRED",
  "WITHDRAWN",
  "COMPLETED",
  "CANCELLED",
  "NO_SHOW",
  "UPDATED",
  // Reminders and nudges (no change to the request): they reach the notification centre too (ADR 0028).
  "MEETING_REMINDER",
  "MEETING_CHECK",
  "THANK_YOU_DUE",
  "UPDATE_DUE",
  "EXPIRY_REMINDER",
] as const;
export type RequestNotificationKind = (typeof REQUEST_NOTIFICATION_KINDS)[number];

/**
 * One real-time event about an interview request. Ids only — no names, no messages — because it travels
 * through PostgreSQL NOTIFY; a client reads the request itself, with its own permissions.
 */
export interface RequestNotificationEvent {
  /** The outbox row that announced the change: one id, one event. */
  id: string;
  institutionId: string;
  requestId: string;
  kind: RequestNotificationKind;
  /** Membership ids of the people concerned: the request's student and alum. */
  recipients: string[];
  occurredAt: string;
  /** Recipients who turned this kind's in-app notice off: their data still refreshes, but no alert (incomingRequests) reaches them. */
  muted?: string[];
  /** Recipients who got a new item in their notification centre with this event (ADR 0028). */
  inApp?: string[];
}

/** The pub/sub topic an institution's request events are published on; subscriptions filter by recipient. */
export const requestEventTopic = (institutionId: string): string => `REQUEST_EVENTS:${institutionId}`;

/** An EventTarget that knows how many listeners each topic has, so tests and probes can tell a subscription is live. */
class CountingEventTarget extends EventTarget {
  readonly listeners = new Map<string, number>();

  override addEventListener(...args: Parameters<EventTarget["addEventListener"]>): void {
    super.addEventListener(...args);
    const [type] = args;
    this.listeners.set(type, (this.listeners.get(type) ?? 0) + 1);
  }

  override removeEventListener(...args: Parameters<EventTarget["removeEventListener"]>): void {
    super.removeEventListener(...args);
    const [type] = args;
    const left = (this.listeners.get(type) ?? 1) - 1;
    if (left > 0) this.listeners.set(type, left);
    else this.listeners.delete(type);
  }
}

interface WireMessage {
  origin: string;
  event: RequestNotificationEvent;
}

/** Any other topic that travels between processes: the topic and its payload. */
interface TopicWireMessage {
  origin: string;
  topic: string;
  payload: unknown;
}

/** Topics besides request events that other processes republish, each with the check a payload must pass. */
const RELAYED_TOPICS: ReadonlyArray<{ prefix: string; valid: (payload: unknown) => boolean }> = [
  { prefix: IMPORT_TOPIC_PREFIX, valid: isImportProgressEvent },
];

/**
 * Real-time fan-out: in this process through the type-graphql pub/sub, and to the other processes through
 * PostgreSQL NOTIFY on EVENTS_CHANNEL. Each process LISTENs and republishes what other processes sent.
 */
export class EventBus {
  /** Tells this process's own notifications apart from other processes'. */
  readonly origin = randomUUID();
  private readonly target = new CountingEventTarget();
  /** What the schema's subscriptions subscribe to (buildSchema's `pubSub`). */
  readonly pubSub: PubSub = createPubSub<Record<string, [RequestNotificationEvent]>>({
    eventTarget: this.target as never,
    repeaterBuffer: new SlidingBuffer(256),
  });

  /** Delivers to this process's subscribers in the event's institution (each subscription keeps its own recipients' events). */
  publishLocal(event: RequestNotificationEvent): void {
    this.pubSub.publish(requestEventTopic(event.institutionId), event);
  }

  /**
   * Queues the event for the other processes inside the caller's transaction: NOTIFY is sent on commit
   * and never on rollback. Call publishLocal after the commit for this process's subscribers.
   */
  async notifyOthers(manager: EntityManager, event: RequestNotificationEvent): Promise<void> {
    const message: WireMessage = { origin: this.origin, event };
    await manager.query(`SELECT pg_notify($1, $2)`, [EVENTS_CHANNEL, JSON.stringify(message)]);
  }

  /**
   * Publishes on a relayed topic (see RELAYED_TOPICS) to this process's subscribers, and NOTIFYs the other
   * processes at once (outside any transaction: for progress of work that commits step by step).
   */
  publishTopicLocal(topic: string, payload: unknown): void {
    this.pubSub.publish(topic, payload as never);
  }

  async notifyOthersOfTopic(db: Pick<EntityManager, "query">, topic: string, payload: unknown): Promise<void> {
    const message: TopicWireMessage = { origin: this.origin, topic, payload };
    await db.query(`SELECT pg_notify($1, $2)`, [EVENTS_CHANNEL, JSON.stringify(message)]);
  }

  /** Republishes what other processes NOTIFY. */
  async listen(listener: PgListener): Promise<void> {
    await listener.listen(EVENTS_CHANNEL, (payload) => {
      const topicMessage = parseTopicMessage(payload);
      if (topicMessage) {
        if (topicMessage.origin !== this.origin) this.publishTopicLocal(topicMessage.topic, topicMessage.payload);
        return;
      }
      const message = parseWireMessage(payload);
      if (message && message.origin !== this.origin) this.publishLocal(message.event);
    });
  }

  /** How many live subscriptions an institution has in this process. */
  subscriberCount(institutionId: string): number {
    return this.target.listeners.get(requestEventTopic(institutionId)) ?? 0;
  }
}

function parseTopicMessage(payload: string): TopicWireMessage | null {
  try {
    const message = JSON.parse(payload) as TopicWireMessage;
    if (typeof message?.origin !== "string" || typeof message.topic !== "string") return null;
    const relayed = RELAYED_TOPICS.find((t) => message.topic.startsWith(t.prefix));
    return relayed?.valid(message.payload) ? message : null;
  } catch {
    return null;
  }
}

function parseWireMessage(payload: string): WireMessage | null {
  try {
    const message = JSON.parse(payload) as WireMessage;
    const e = message?.event;
    const ok =
      typeof message.origin === "string" &&
      typeof e?.id === "string" &&
      typeof e.institutionId === "string" &&
      typeof e.requestId === "string" &&
      REQUEST_NOTIFICATION_KINDS.includes(e.kind) &&
      Array.isArray(e.recipients) &&
      e.recipients.every((r) => typeof r === "string");
    return ok ? message : null;
  } catch {
    return null;
  }
}

/** This process's bus: the schema's subscriptions and the outbox worker share it. */
export const eventBus = new EventBus();
