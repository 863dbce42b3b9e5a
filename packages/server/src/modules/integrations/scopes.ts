import { registerEnumType } from "type-graphql";
import { SCOPES, type Scope } from "../../auth/viewer";

/** GraphQL names for the scopes (`people:read` is PEOPLE_READ); the values are the scope strings themselves. */
export const ApiKeyScope = Object.fromEntries(SCOPES.map((s) => [s.replace(":", "_").toUpperCase(), s])) as {
  PEOPLE_READ: "people:read";
  PEOPLE_WRITE: "people:write";
  REQUESTS_READ: "requests:read";
  REPORTS_READ: "reports:read";
  WEBHOOKS_MANAGE: "webhooks:manage";
  AUDIT_READ: "audit:read";
  CONSENTS_READ: "consents:read";
};
registerEnumType(ApiKeyScope, {
  name: "ApiKeyScope",
  description: "What an API key may do. An operation callable with a key names the scope it needs in its description.",
  valuesConfig: {
    PEOPLE_READ: { description: "Read the roster of students and alumni (people, deletions)." },
    PEOPLE_WRITE: { description: "Create and update students and alumni in bulk (upsertStudents, upsertAlumni)." },
    REQUESTS_READ: { description: "Read interview requests for sync (requests)." },
    REPORTS_READ: { description: "Read the institution's reports." },
    WEBHOOKS_MANAGE: { description: "Register webhook endpoints and read or replay their deliveries." },
    AUDIT_READ: { description: "Read the institution's audit log (auditLog, auditLogCsv)." },
    CONSENTS_READ: { description: "Read the institution's consent records (consentRecords, consentVersionCounts)." },
  },
});

export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);
