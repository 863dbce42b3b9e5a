import { AuditResolver } from "./audit.resolver";

/**
 * The audit log (issue 13, ADR 0019). Other modules record with recordAudit from ./audit-log inside their own
 * transaction; this module reads it for admins and `audit:read` keys and purges it after the retention period.
 */
export const auditModule = {
  entities: [],
  resolvers: [AuditResolver],
} as const;

export { actorOf, changedValues, personActor, recordAudit, type AuditActor, type AuditAction, type AuditEntry } from "./audit-log";
export { currentRequestInfo, withRequestInfo } from "./request-info";
