import type { ServiceDeps } from "../../services";

export class ConsentService {
  constructor(private readonly deps: ServiceDeps) {}
}
