/** What other modules may use from accounts: they import it from here, never from its files (eslint.config.js). */
export { normalizeEmail } from "./accounts.service";
export type { AccountsService } from "./accounts.service";
export { AuthPayload, Me } from "./accounts.types";
export { RoleEnum } from "./membership.entity";
export { hashPassword } from "./passwords";
export { recordSignInEvent } from "./sign-in-log";
export { randomToken, sha256 } from "./tokens";
