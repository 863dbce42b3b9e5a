import type { ServiceDeps } from "../../service-deps";
import { ApiKeysService } from "./api-keys.service";
import { BulkIdempotencyService } from "./bulk-idempotency.service";
import { GraduationService } from "./graduation.service";
import { PeopleImportService } from "./people-import.service";
import { PeopleStatusService } from "./people-status.service";
import { PeopleUpsertService } from "./people-upsert.service";
import { SyncService } from "./sync.service";
import { WebhooksService } from "./webhooks.service";

/** Integrations: API keys; bulk upserts, sync feeds and webhooks build on them. */
export class IntegrationsService {
  readonly apiKeys: ApiKeysService;
  readonly people: PeopleUpsertService;
  readonly webhooks: WebhooksService;
  readonly sync: SyncService;
  readonly imports: PeopleImportService;
  readonly status: PeopleStatusService;
  readonly bulkKeys: BulkIdempotencyService;
  /** Student → alum, one person (ADR 0023). */
  readonly graduation: GraduationService;

  constructor(deps: ServiceDeps) {
    this.apiKeys = new ApiKeysService(deps);
    this.people = new PeopleUpsertService(deps);
    this.webhooks = new WebhooksService(deps);
    this.sync = new SyncService(deps);
    this.imports = new PeopleImportService(this.people, deps);
    this.status = new PeopleStatusService(deps);
    this.bulkKeys = new BulkIdempotencyService(deps);
    this.graduation = new GraduationService(deps);
  }
}
