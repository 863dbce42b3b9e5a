import type { ServiceDeps } from "../../services";

export class InstitutionsService {
  constructor(private readonly deps: ServiceDeps) {}
}
