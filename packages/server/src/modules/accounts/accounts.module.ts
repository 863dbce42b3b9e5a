import { AccountsResolver } from "./accounts.resolver";
import { Identity } from "./identity.entity";
import { Invitation } from "./invitation.entity";
import { Membership } from "./membership.entity";
import { Session } from "./session.entity";

export const accountsModule = {
  entities: [Identity, Membership, Session, Invitation],
  resolvers: [AccountsResolver],
} as const;
