import { AuditResolver } from "./audit.resolver";

/**
 * The audit log (issue 13, ADR 0019). Other modules record with recordAudit (from "../audit") inside their own
 * transaction; this module reads it for admins and `audit:read` keys and purges it after the retention period.
 */
export const auditModule = {
  entities: [],
  resolvers: [AuditResolver],
} as const;
