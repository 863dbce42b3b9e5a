import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import { formatHhMm } from "../../shared/zoned-time";

@ObjectType({ description: "A weekly window in which an alum can meet, in wall-clock time of their own time zone." })
@Entity({ name: "availability_windows" })
export class AvailabilityWindow {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Column({ name: "alumnus_id", type: "uuid" })
  alumnusId: string;

  @Field(() => Int, { description: "Day of the week: 0 = Sunday … 6 = Saturday." })
  @Column({ type: "int" })
  weekday: number;

  @Column({ name: "start_minute", type: "int" })
  startMinute: number;

  @Column({ name: "end_minute", type: "int" })
  endMinute: number;

  @Field({ description: "IANA time zone the times are given in, e.g. America/Chicago." })
  @Column({ name: "time_zone", type: "text" })
  timeZone: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field({ description: 'Local start time, "HH:MM" (24-hour).' })
  get startTime(): string {
    return formatHhMm(this.startMinute);
  }

  @Field({ description: 'Local end time, "HH:MM" (24-hour); "24:00" is midnight at the end of the day.' })
  get endTime(): string {
    return formatHhMm(this.endMinute);
  }
}
