import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { ROLES, type Role } from "../../auth/viewer";

export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in Role]: K };
registerEnumType(RoleEnum, { name: "Role", description: "What a person does in an institution." });

@ObjectType({ description: "A person's role in one institution. One person may hold several." })
@Entity({ name: "memberships" })
export class Membership {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Column({ name: "identity_id", type: "uuid" })
  identityId: string;

  @Field(() => RoleEnum)
  @Column({ type: "text" })
  role: Role;

  @Field(() => String, { nullable: true, description: "The institution's own id for this person, used by integrations." })
  @Column({ name: "external_id", type: "text", nullable: true })
  externalId: string | null;

  @Field()
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;

  /** Set when the institution deactivates the person (deactivatePeople); null while active. */
  @Column({ name: "deactivated_at", type: "timestamptz", nullable: true })
  deactivatedAt: Date | null;
}
