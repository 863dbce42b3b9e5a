import { MatchingResolver } from "./matching.resolver";

/** Alumni matches for students, and advisors' suggestions. Tables are used through SQL (see matching.service.ts). */
export const matchingModule = {
  entities: [],
  resolvers: [MatchingResolver],
} as const;
