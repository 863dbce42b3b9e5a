import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { ConsentKind, ConsentWithdrawalReason } from "./consent-kind.enum";
import { ConsentText } from "./consent-text.entity";

@ObjectType({ description: "A person's agreement to one consent text: when it was given and, if so, when it was withdrawn." })
/**
 * The view `consents` (migration 1795305603200): an agreement (consent_grants) with its withdrawal, if any
 * (consent_withdrawals). Both tables are append-only; rows are written by ConsentService with SQL, never saved here.
 */
@Entity({ name: "consents", synchronize: false })
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

  @Field(() => ConsentWithdrawalReason, {
    nullable: true,
    description: "WITHDRAWN when the person withdrew it, REPLACED when they agreed to a newer text version; null while active.",
  })
  @Column({ name: "withdrawal_reason", type: "text", nullable: true })
  withdrawalReason: ConsentWithdrawalReason | null;

  @Field(() => Boolean, {
    description:
      "Whether it counts now: active, and either given against the latest text of its kind or the institution keeps older agreements in force until people review the new text (consentReviewPolicy KEEP).",
  })
  @Column({ name: "in_force", type: "boolean" })
  inForce: boolean;

  @Field(() => Boolean, { description: "True until it is withdrawn or replaced." })
  get active(): boolean {
    return this.withdrawnAt === null;
  }
}
