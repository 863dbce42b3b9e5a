import type { ServiceDeps } from "../../service-deps";
import type { AccountsService } from "../accounts";
import { EmailSignInService } from "./email-sign-in.service";
import { IdentityProvidersService } from "./providers.service";
import { SecretBox } from "./secret-box";
import { SsoService } from "./sso.service";

/** Campus sign-in and its configuration: the identity module's services. */
export class IdentityService {
  readonly secrets: SecretBox;
  readonly providers: IdentityProvidersService;
  readonly sso: SsoService;
  /** Sign-in links, password resets, a person's verified addresses. */
  readonly email: EmailSignInService;
  readonly publicUrl: string;

  constructor(
    private readonly deps: ServiceDeps,
    accounts: AccountsService,
  ) {
    this.publicUrl = deps.config.publicUrl;
    this.secrets = new SecretBox(deps.config.secretsKey, deps.config.secretsKeyPrevious);
    this.providers = new IdentityProvidersService(deps, this.secrets);
    this.sso = new SsoService(deps, this.secrets, accounts);
    this.email = new EmailSignInService(deps, accounts);
  }

  /** After a SECRETS_KEY rotation: seals every stored secret again with the new key (run at start; see docs/sso.md). */
  async resealSecrets(): Promise<number> {
    const rows: Array<{ institutionId: string }> = await this.deps.dataSource.query(
      `SELECT DISTINCT sso_institution_id AS "institutionId" FROM sso_directory`,
    );
    let total = 0;
    for (const row of rows) total += await this.providers.resealInstitution(row.institutionId);
    return total;
  }
}
