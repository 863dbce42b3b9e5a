import { accountsModule } from "./accounts";
import { availabilityModule } from "./availability";
import { consentModule } from "./consent";
import { institutionsModule } from "./institutions";
import { profilesModule } from "./profiles";

/** Every domain module: its TypeORM entities and GraphQL resolvers. */
export const modules = [accountsModule, institutionsModule, profilesModule, consentModule, availabilityModule];
