/** What other modules may use from audit: they import it from here, never from its files (eslint.config.js). */
export { actorOf, changedValues, personActor, recordAudit, type AuditActor, type AuditAction, type AuditEntry } from "./audit-log";
export { currentRequestInfo, withRequestInfo } from "./request-info";
export { purgeAuditLog } from "./audit.service";
