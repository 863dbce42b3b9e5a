import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { Viewer } from "../../auth/viewer";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import { CurrentViewer } from "../../graphql/current-viewer";
import { unauthenticated } from "../../graphql/errors";
import { PageArgs } from "../../shared/paging";
import { InAppNotificationConnection, NotificationCentreUpdate } from "./in-app.types";
import { requestEventTopic, type RequestNotificationEvent } from "./pubsub";

/** Only the viewer's own new items: their institution, and one of their memberships among those the event stored an item for. */
function forViewer(event: RequestNotificationEvent, viewer: Viewer | null): boolean {
  if (!viewer || event.institutionId !== viewer.institutionId || !event.inApp) return false;
  const mine = Object.values(viewer.memberships);
  return event.inApp.some((id) => mine.includes(id));
}

@Resolver()
export class InAppNotificationsResolver {
  @Access("SIGNED_IN")
  @Query(() => InAppNotificationConnection, {
    description: "The signed-in person's notification centre in this institution, newest first.",
  })
  myNotifications(@Args() { first, after }: PageArgs, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer) {
    return services.notifications.inApp.page(viewer, first, after);
  }

  @Access("SIGNED_IN")
  @Query(() => Int, { description: "How many of the signed-in person's notifications are unread (the bell's count)." })
  unreadNotificationCount(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<number> {
    return services.notifications.inApp.unreadCount(viewer);
  }

  @Access("SIGNED_IN")
  @Mutation(() => Int, {
    description:
      "Marks some of your notifications read (ids not yours, or already read, are ignored; at most 100). Returns the unread count.",
  })
  markNotificationsRead(
    @Arg("ids", () => [ID]) ids: string[],
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<number> {
    return services.notifications.inApp.markRead(viewer, ids);
  }

  @Access("SIGNED_IN")
  @Mutation(() => Int, { description: "Marks all your notifications read. Returns the unread count (0)." })
  markAllNotificationsRead(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<number> {
    return services.notifications.inApp.markAllRead(viewer);
  }

  @Access("SIGNED_IN")
  @Subscription(() => NotificationCentreUpdate, {
    description: "New items in your notification centre as they arrive, with the unread count after them.",
    topics: ({ context }: { context: Context }) => {
      if (!context.viewer) throw unauthenticated();
      return requestEventTopic(context.viewer.institutionId);
    },
    filter: ({ payload, context }: { payload: RequestNotificationEvent; context: Context }) => forViewer(payload, context.viewer),
  })
  async notificationCentre(
    @Root() event: RequestNotificationEvent,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<NotificationCentreUpdate> {
    const { items, unreadCount } = await services.notifications.inApp.ofOutboxRow(viewer, event.id);
    return { added: items, unreadCount };
  }
}
