import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import type { Role } from "../../auth/viewer";
import { RoleEnum } from "./membership.entity";

@ObjectType({ description: "An invitation by email to join an institution in a role." })
@Entity({ name: "invitations" })
export class Invitation {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Field()
  @Column()
  email: string;

  @Field(() => RoleEnum)
  @Column({ type: "text" })
  role: Role;

  /** sha256 of the secret part of the link. */
  @Column({ name: "token_hash" })
  tokenHash: string;

  @Column({ name: "invited_by_id", type: "uuid", nullable: true })
  invitedById: string | null;

  @Field()
  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: "accepted_at", type: "timestamptz", nullable: true })
  acceptedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "revoked_at", type: "timestamptz", nullable: true })
  revokedAt: Date | null;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
