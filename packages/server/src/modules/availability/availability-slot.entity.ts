import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import { localLabel } from "../../shared/zoned-time";

@ObjectType({ description: "A one-off period in which an alum can meet, on top of their weekly windows." })
@Entity({ name: "availability_slots" })
export class AvailabilitySlot {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Column({ name: "alumnus_id", type: "uuid" })
  alumnusId: string;

  @Field({ description: "When it starts (ISO 8601 with offset)." })
  @Column({ name: "starts_at", type: "timestamptz" })
  startsAt: Date;

  @Field({ description: "When it ends (ISO 8601 with offset)." })
  @Column({ name: "ends_at", type: "timestamptz" })
  endsAt: Date;

  @Field({ description: "IANA time zone the alum gave it in; `localLabel` is in this zone." })
  @Column({ name: "time_zone", type: "text" })
  timeZone: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field({ description: 'As the alum\'s clock shows it, e.g. "Tue 16 Mar, 09:00–11:00 EDT".' })
  get localLabel(): string {
    return localLabel(this.startsAt, this.endsAt, this.timeZone);
  }
}
