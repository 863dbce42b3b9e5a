import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { ConsentKind } from "./consent-kind.enum";
import { ConsentText } from "./consent-text.entity";

@ObjectType({ description: "A person's agreement to one consent text: when it was given and, if so, when it was withdrawn." })
@Entity({ name: "consents" })
export class Consent {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  /** The STUDENT or ALUMNUS membership that gave it. */
  @Column({ name: "membership_id", type: "uuid" })
  membershipId: string;

  @Column({ name: "consent_text_id", type: "uuid" })
  consentTextId: string;

  @Field(() => ConsentText, { description: "The exact text version agreed to." })
  @ManyToOne(() => ConsentText, { nullable: false, onDelete: "RESTRICT" })
  @JoinColumn({ name: "consent_text_id" })
  text: ConsentText;

  @Field(() => ConsentKind)
  @Column({ type: "text" })
  kind: ConsentKind;

  @Field()
  @Column({ name: "given_at", type: "timestamptz", default: () => "now()" })
  givenAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: "When it was withdrawn, or when agreeing to a newer text version replaced it; null while active.",
  })
  @Column({ name: "withdrawn_at", type: "timestamptz", nullable: true })
  withdrawnAt: Date | null;

  @Field(() => Boolean, { description: "True until it is withdrawn or replaced." })
  get active(): boolean {
    return this.withdrawnAt === null;
  }
}
