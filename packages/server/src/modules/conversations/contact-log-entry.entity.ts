import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** How a contact took place. Mirrors the CHECK constraint on contact_log_entries.channel; a superset of Modality. */
export enum ContactChannel {
  IN_PERSON = "IN_PERSON",
  PHONE = "PHONE",
  VIDEO = "VIDEO",
  EMAIL = "EMAIL",
  EVENT = "EVENT",
  OTHER = "OTHER",
}
registerEnumType(ContactChannel, {
  name: "ContactChannel",
  description: "How a contact took place.",
  valuesConfig: { EVENT: { description: "A job fair, information session, talk or other event." } },
});

@ObjectType({ description: "A contact the student logged by hand: someone met outside the platform (a job fair, a family friend)." })
@Entity({ name: "contact_log_entries" })
export class ContactLogEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Column({ name: "student_id", type: "uuid" })
  studentId: string;

  @Field()
  @Column({ type: "text" })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  organization: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  role: string | null;

  @Field({ description: "The day of the contact, YYYY-MM-DD." })
  @Column({ name: "contacted_on", type: "date" })
  contactedOn: string;

  @Field(() => ContactChannel)
  @Column({ type: "text" })
  channel: ContactChannel;

  @Field(() => String, { nullable: true, description: "How to reach them again." })
  @Column({ name: "how_to_reach", type: "text", nullable: true })
  howToReach: string | null;

  @Field({ description: "Advice, names suggested, anything worth keeping." })
  @Column({ type: "text" })
  notes: string;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
