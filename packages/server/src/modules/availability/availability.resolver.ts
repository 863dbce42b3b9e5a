import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Access } from "../../graphql/access";
import type { Viewer } from "../../auth/viewer";
import type { Context } from "../../graphql/context";
import { AvailabilitySlot } from "./availability-slot.entity";
import { AvailabilityWindow } from "./availability-window.entity";
import { AddAvailabilitySlotInput, OpenSlotsArgs, SetWeeklyAvailabilityArgs } from "./availability.inputs";
import { MyAvailability, OpenSlotPage } from "./availability.types";
import { CurrentViewer } from "../../graphql/current-viewer";

@Resolver()
export class AvailabilityResolver {
  @Access("ALUMNUS")
  @Query(() => MyAvailability, { description: "The viewer's weekly windows, upcoming one-off slots, pause switch and capacity." })
  myAvailability(@Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<MyAvailability> {
    return services.availability.myAvailability(viewer);
  }

  @Access("ALUMNUS")
  @Mutation(() => [AvailabilityWindow], {
    description:
      "Replace all of the viewer's weekly windows. Times are wall-clock times in `timeZone`, so 09:00 stays 09:00 local across daylight-saving changes. " +
      "Windows on the same weekday may touch but not overlap. Meetings already booked are not affected.",
  })
  setWeeklyAvailability(
    @Args() args: SetWeeklyAvailabilityArgs,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AvailabilityWindow[]> {
    return services.availability.setWeeklyAvailability(viewer, args);
  }

  @Access("ALUMNUS")
  @Mutation(() => AvailabilitySlot, {
    description:
      "Add a one-off period of availability: in the future, at least one meeting long and at most 8 hours, not overlapping another one-off slot.",
  })
  addAvailabilitySlot(
    @Arg("input") input: AddAvailabilitySlotInput,
    @Ctx() { services }: Context,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AvailabilitySlot> {
    return services.availability.addAvailabilitySlot(viewer, input);
  }

  @Access("ALUMNUS")
  @Mutation(() => Boolean, { description: "Remove one of the viewer's one-off slots. Meetings already booked in it stay booked." })
  removeAvailabilitySlot(@Arg("id", () => ID) id: string, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    return services.availability.removeAvailabilitySlot(viewer, id);
  }

  @Access("SIGNED_IN")
  @Query(() => OpenSlotPage, {
    description:
      "Times an alum of the viewer's institution can meet, each exactly the institution's meeting length, earliest first: weekly windows and one-off slots, " +
      "minus booked meetings and the next 12 hours. Empty while the alum does not accept requests, is paused, or in a month whose capacity is used up. " +
      "The range is at most 31 days; NOT_FOUND for an id that is not an alum here.",
  })
  openSlots(@Args() args: OpenSlotsArgs, @Ctx() { services }: Context, @CurrentViewer() viewer: Viewer): Promise<OpenSlotPage> {
    return services.availability.openSlotPage(viewer, args);
  }
}
