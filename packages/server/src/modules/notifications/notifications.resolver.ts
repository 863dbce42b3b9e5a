import { Resolver, Root, Subscription } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Role, Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { forbidden } from "../../graphql/errors";
import { RequestNotification } from "./notifications.types";
import { requestEventTopic, type RequestNotificationEvent } from "./pubsub";

type Side = Extract<Role, "STUDENT" | "ALUMNUS">;

/** The viewer's memberships on the given sides; a subscription needs at least one. */
function sidesOf(viewer: Viewer | null, sides: Side[]): string[] {
  const ids = sides.map((side) => viewer?.memberships[side]).filter((id): id is string => typeof id === "string");
  if (ids.length === 0) throw forbidden();
  return ids;
}

/** The topic of the viewer's institution, for a viewer holding one of the sides (FORBIDDEN otherwise). */
function topicFor(viewer: Viewer | null, sides: Side[]): string {
  sidesOf(viewer, sides);
  return requestEventTopic(viewer!.institutionId);
}

/** Only the people concerned: the viewer's own institution, and the viewer among the event's recipients. */
function concerns(event: RequestNotificationEvent, viewer: Viewer | null, sides: Side[]): boolean {
  if (!viewer || event.institutionId !== viewer.institutionId) return false;
  const mine = sides.map((side) => viewer.memberships[side]).filter(Boolean);
  return event.recipients.some((id) => mine.includes(id));
}

const toNotification = (event: RequestNotificationEvent): RequestNotification => ({
  id: event.id,
  requestId: event.requestId,
  kind: event.kind,
  occurredAt: new Date(event.occurredAt),
});

@Resolver()
export class NotificationsResolver {
  @Access("ALUMNUS")
  @Subscription(() => RequestNotification, {
    description: "New requests sent to you as an alum, as they arrive.",
    topics: ({ context }: { context: Context }) => topicFor(context.viewer, ["ALUMNUS"]),
    filter: ({ payload, context }: { payload: RequestNotificationEvent; context: Context }) =>
      payload.kind === "CREATED" &&
      concerns(payload, context.viewer, ["ALUMNUS"]) &&
      !payload.muted?.includes(context.viewer?.memberships.ALUMNUS ?? ""),
  })
  incomingRequests(@Root() event: RequestNotificationEvent): RequestNotification {
    return toNotification(event);
  }

  @Access("STUDENT", "ALUMNUS")
  @Subscription(() => RequestNotification, {
    description: "Changes to your requests: those you sent as a student and those you received as an alum.",
    topics: ({ context }: { context: Context }) => topicFor(context.viewer, ["STUDENT", "ALUMNUS"]),
    filter: ({ payload, context }: { payload: RequestNotificationEvent; context: Context }) =>
      concerns(payload, context.viewer, ["STUDENT", "ALUMNUS"]),
  })
  requestUpdates(@Root() event: RequestNotificationEvent): RequestNotification {
    return toNotification(event);
  }
}
