import { IsEnum, IsString, Length, Matches } from "class-validator";
import { ArgsType, Field } from "type-graphql";
import { ConsentKind } from "./consent-kind.enum";

@ArgsType()
export class PublishConsentTextArgs {
  @Field(() => ConsentKind)
  @IsEnum(ConsentKind)
  kind: ConsentKind;

  @Field({ description: "The full text, 1–5000 characters. It is stored as published and never edited." })
  @IsString()
  @Length(1, 5000, { message: "Use 1 to 5000 characters." })
  @Matches(/\S/, { message: "Write the text of the consent." })
  body: string;
}
