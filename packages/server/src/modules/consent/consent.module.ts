import { ConsentText } from "./consent-text.entity";
import { Consent } from "./consent.entity";
import { ConsentResolver, ConsentReviewResolver } from "./consent.resolver";

export const consentModule = {
  entities: [ConsentText, Consent],
  resolvers: [ConsentResolver, ConsentReviewResolver],
} as const;
