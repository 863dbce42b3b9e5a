import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@ObjectType({ description: "An industry an employer belongs to, e.g. Technology. Shared by every institution." })
@Entity({ name: "industries" })
export class Industry {
  @Field(() => ID, { description: "Stable lowercase id, e.g. `technology`; profiles store these." })
  @PrimaryColumn({ type: "text" })
  id: string;

  @Field({ description: "Name to show, e.g. Technology." })
  @Column({ type: "text" })
  name: string;
}
