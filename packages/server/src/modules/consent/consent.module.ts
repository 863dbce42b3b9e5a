import { ConsentText } from "./consent-text.entity";
import { Consent } from "./consent.entity";
import { ConsentResolver } from "./consent.resolver";

export const consentModule = {
  entities: [ConsentText, Consent],
  resolvers: [ConsentResolver],
} as const;
