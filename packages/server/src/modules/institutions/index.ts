import { Institution } from "./institution.entity";

export const institutionsModule = { entities: [Institution], resolvers: [] } as const;
