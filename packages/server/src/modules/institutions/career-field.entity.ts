import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@ObjectType({ description: "A career field students explore and alumni work in, e.g. Data Science. Shared by every institution." })
@Entity({ name: "career_fields" })
export class CareerField {
  @Field(() => ID, { description: "Stable lowercase id, e.g. `data-science`; profiles store these." })
  @PrimaryColumn({ type: "text" })
  id: string;

  @Field({ description: "Name to show, e.g. Data Science." })
  @Column({ type: "text" })
  name: string;
}
