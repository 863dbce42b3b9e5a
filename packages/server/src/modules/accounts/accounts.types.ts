import { Field, ID, ObjectType } from "type-graphql";
import type { Role } from "../../auth/viewer";
import { Identity } from "./identity.entity";
import { RoleEnum } from "./membership.entity";

@ObjectType({ description: "One of the viewer's memberships, in any institution." })
export class MembershipSummary {
  @Field(() => ID)
  id: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => ID)
  institutionId: string;

  @Field()
  institutionName: string;

  @Field()
  institutionSlug: string;
}

@ObjectType({ description: "The signed-in person, acting in one institution." })
export class Me {
  @Field(() => Identity)
  identity: Identity;

  @Field(() => ID, { description: "The institution this session acts in." })
  institutionId: string;

  @Field(() => [RoleEnum], { description: "Roles held in the current institution." })
  roles: Role[];

  @Field(() => [MembershipSummary], { description: "Every membership, across institutions." })
  memberships: MembershipSummary[];
}

@ObjectType()
export class AuthPayload {
  @Field({ description: "Send as `Authorization: Bearer <token>`. Short-lived." })
  accessToken: string;

  @Field()
  accessTokenExpiresAt: Date;

  @Field({ description: "Exchange for a new access token with `refreshSession`. Keep it secret." })
  refreshToken: string;

  @Field(() => Me)
  me: Me;
}
