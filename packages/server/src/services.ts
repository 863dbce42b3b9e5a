import type { DataSource } from "typeorm";
import type { Config } from "./config";
import { AccountsService } from "./modules/accounts/accounts.service";
import { AvailabilityService } from "./modules/availability/availability.service";
import { ConsentService } from "./modules/consent/consent.service";
import { InstitutionsService } from "./modules/institutions/institutions.service";
import { createMailer, type Mailer } from "./modules/notifications/mailer";
import { ProfilesService } from "./modules/profiles/profiles.service";

export interface ServiceDeps {
  dataSource: DataSource;
  config: Config;
  mailer: Mailer;
}

/** The composition root: one instance of each module's service, shared by all requests. */
export interface Services {
  accounts: AccountsService;
  institutions: InstitutionsService;
  profiles: ProfilesService;
  consent: ConsentService;
  availability: AvailabilityService;
}

export function createServices(dataSource: DataSource, config: Config, mailer?: Mailer): Services {
  const deps: ServiceDeps = { dataSource, config, mailer: mailer ?? createMailer(config) };
  const consent = new ConsentService(deps);
  return {
    accounts: new AccountsService(deps),
    institutions: new InstitutionsService(deps),
    profiles: new ProfilesService(deps, consent),
    consent,
    availability: new AvailabilityService(deps, consent),
  };
}
