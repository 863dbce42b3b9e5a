import { Field, Int, ObjectType } from "type-graphql";
import { AvailabilitySlot } from "./availability-slot.entity";
import { AvailabilityWindow } from "./availability-window.entity";

@ObjectType({ description: "A time a student can propose: exactly the institution's meeting length, free in the alum's calendar." })
export class OpenSlot {
  @Field({ description: "When it starts (ISO 8601 with offset)." })
  startsAt: Date;

  @Field({ description: "When it ends (ISO 8601 with offset)." })
  endsAt: Date;

  @Field({ description: "The alum's IANA time zone for this slot; `localLabel` is in this zone." })
  timeZone: string;

  @Field({ description: 'As the alum\'s clock shows it, always with the zone, e.g. "Tue 16 Mar, 09:00–09:30 EDT".' })
  localLabel: string;
}

@ObjectType({ description: "A page of open slots, earliest first." })
export class OpenSlotPage {
  @Field(() => [OpenSlot])
  slots: OpenSlot[];

  @Field({ description: "True when more slots follow in the range asked for." })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` to get the next page; null on an empty page." })
  endCursor: string | null;
}

@ObjectType({ description: "Everything an alum has said about when and how often they can meet." })
export class MyAvailability {
  @Field({ description: "The alum's own time zone (from their profile); capacity is counted per calendar month in it." })
  timeZone: string;

  @Field({ description: "While true, no slots are offered to anyone." })
  paused: boolean;

  @Field(() => Int, { description: "Conversations a month the alum can take." })
  monthlyCapacity: number;

  @Field(() => Int, { description: "Conversations still open this calendar month." })
  capacityLeftThisMonth: number;

  @Field(() => [AvailabilityWindow], { description: "Weekly windows, by weekday and start time." })
  windows: AvailabilityWindow[];

  @Field(() => [AvailabilitySlot], { description: "One-off slots that have not ended yet, earliest first." })
  slots: AvailabilitySlot[];
}
