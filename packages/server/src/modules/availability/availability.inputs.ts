import {
  ArrayMaxSize,
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PAGE_SIZES } from "../../graphql/page-sizes";
import { canonicalTimeZone } from "../../shared/zoned-time";

export const MAX_WINDOWS = 50;
export const MAX_PAGE = PAGE_SIZES.openSlots.max;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HH_MM_OR_MIDNIGHT = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** An IANA time zone name such as America/Chicago; offsets like +02:00 ignore daylight saving time and are refused. */
function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isIanaTimeZone",
      validator: {
        validate: (value) => canonicalTimeZone(value) !== null,
        defaultMessage: () => "Use an IANA time zone name such as America/Chicago.",
      },
    },
    options,
  );
}

@InputType({ description: "A weekly window, in wall-clock time of the zone given with the windows." })
export class WindowInput {
  @Field(() => Int, { description: "0 = Sunday … 6 = Saturday." })
  @IsInt()
  @Min(0, { message: "Use 0 (Sunday) to 6 (Saturday)." })
  @Max(6, { message: "Use 0 (Sunday) to 6 (Saturday)." })
  weekday: number;

  @Field({ description: '"HH:MM", 24-hour, e.g. "09:00".' })
  @Matches(HH_MM, { message: 'Use a 24-hour time "HH:MM" such as 09:00.' })
  startTime: string;

  @Field({ description: '"HH:MM", 24-hour, after startTime on the same day; "24:00" for midnight.' })
  @Matches(HH_MM_OR_MIDNIGHT, { message: 'Use a 24-hour time "HH:MM" such as 17:30, or 24:00 for midnight.' })
  endTime: string;
}

@ArgsType()
export class SetWeeklyAvailabilityArgs {
  @Field(() => [WindowInput], {
    description: `Every weekly window (up to ${MAX_WINDOWS}); they replace all earlier ones. An empty list clears them.`,
  })
  @ArrayMaxSize(MAX_WINDOWS, { message: `Use at most ${MAX_WINDOWS} windows.` })
  @ValidateNested({ each: true })
  windows: WindowInput[];

  @Field(() => String, { nullable: true, description: "IANA time zone of the windows; defaults to the zone in the alum's profile." })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string | null;
}

@InputType({ description: "A one-off period in which the alum can meet: in the future, at most 8 hours long." })
export class AddAvailabilitySlotInput {
  @Field()
  @IsDate()
  startsAt: Date;

  @Field()
  @IsDate()
  endsAt: Date;

  @Field(() => String, { nullable: true, description: "IANA time zone to show it in; defaults to the zone in the alum's profile." })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string | null;
}

@ArgsType()
export class OpenSlotsArgs {
  @Field(() => ID, { description: "The alum's membership id." })
  @IsUUID("all", { message: "Use an alum's id." })
  alumnusId: string;

  @Field({ description: "Slots starting at or after this instant." })
  @IsDate()
  from: Date;

  @Field({ description: "Slots starting before this instant; at most 31 days after `from`." })
  @IsDate()
  to: Date;

  @Field(() => Int, { nullable: true, description: `Page size, 1–${MAX_PAGE} (default ${MAX_PAGE}).` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE, { message: `Ask for at most ${MAX_PAGE} slots at a time.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "`endCursor` of the previous page." })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  after?: string | null;
}
