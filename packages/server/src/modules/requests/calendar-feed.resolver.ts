import { Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Context } from "../../graphql/context";
import type { Viewer } from "../../auth/viewer";
import { CalendarFeed } from "./calendar-feed";

/** The person's secret calendar feed of their meetings (iCalendar, webcal://). */
@Resolver()
export class CalendarFeedResolver {
  @Access("STUDENT", "ALUMNUS")
  @Query(() => CalendarFeed, {
    description: "The viewer's calendar feed of all their meetings (made on first use). Keep the URL private: it opens without signing in.",
  })
  myCalendarFeed(@Ctx() { services, viewer }: Context): Promise<CalendarFeed> {
    return services.calendarFeeds.feed(viewer as Viewer);
  }

  @Access("STUDENT", "ALUMNUS")
  @Mutation(() => CalendarFeed, {
    description: "Replace the feed's secret: the old URL stops working at once; subscribe again with the new one.",
  })
  rotateCalendarFeed(@Ctx() { services, viewer }: Context): Promise<CalendarFeed> {
    return services.calendarFeeds.rotate(viewer as Viewer);
  }
}
