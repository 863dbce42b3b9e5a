import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

@ObjectType({ description: "A person. Identities are global; memberships tie them to institutions." })
@Entity({ name: "identities" })
export class Identity {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field()
  @Column()
  email: string;

  /** argon2id; null until an invitation is accepted. Never leaves the server. */
  @Column({ name: "password_hash", type: "text", nullable: true })
  passwordHash: string | null;

  @Field()
  @Column({ name: "display_name" })
  displayName: string;

  @Field(() => String, {
    nullable: true,
    description: "The language the person chose for Infoview (`en` or `es`); null until they choose, when the browser's language applies.",
  })
  @Column({ type: "text", nullable: true })
  locale: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
