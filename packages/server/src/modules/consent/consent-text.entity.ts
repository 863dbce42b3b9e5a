import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import { ConsentKind } from "./consent-kind.enum";

@ObjectType({ description: "One published version of the text a person agrees to for one kind of consent. Versions are never edited." })
@Entity({ name: "consent_texts" })
export class ConsentText {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "institution_id", type: "uuid" })
  institutionId: string;

  @Field(() => ConsentKind)
  @Column({ type: "text" })
  kind: ConsentKind;

  @Field(() => Int, { description: "1 for the first text of a kind, then one more for each new version." })
  @Column({ type: "int" })
  version: number;

  @Field({ description: "The text, in plain language." })
  @Column({ type: "text" })
  body: string;

  @Field({ description: "When this version was published." })
  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
