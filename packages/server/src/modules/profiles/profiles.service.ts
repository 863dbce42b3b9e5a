import type { ServiceDeps } from "../../services";
import type { ConsentService } from "../consent/consent.service";

export class ProfilesService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly consent: ConsentService,
  ) {}
}
