/**
 * How the schema splits across a sharded cluster (Citus-style, docs/scaling.md §3). Every table of the schema is one
 * of three kinds, and `db/distribution.test.ts` reads the migrated catalog to hold each table to its kind:
 *
 * - a **tenant table** has `institution_id uuid NOT NULL`. It would be distributed by institution_id, all tenant
 *   tables co-located, so one institution's rows of every table sit on one shard. Its primary key, unique
 *   constraints and foreign keys to other tenant tables include institution_id; row-level security is on and forced.
 * - the **tenant root**, `institutions`: its own id is the tenant key. A reference table (copied to every node).
 * - a **global table**, listed below with where it would live. Anything else fails the catalog test.
 */
export const TENANT_KEY = "institution_id";

/** The table whose id every tenant table's institution_id references. */
export const TENANT_ROOT = "institutions";

/**
 * Where a global table would live in a sharded cluster:
 * - `reference`: copied to every node, so a tenant table may reference it and join it on any shard. Writes go to
 *   every node, so only for small tables written rarely.
 * - `coordinator`: one copy on the coordinator; tenant tables may neither reference nor join it in one statement.
 */
export type Placement = "reference" | "coordinator";

export interface GlobalTable {
  placement: Placement;
  why: string;
}

/** Tables that belong to no single institution. A new table either has institution_id or is listed here. */
export const GLOBAL_TABLES: Readonly<Record<string, GlobalTable>> = {
  identities: {
    placement: "reference",
    why: "a person across institutions (the dual alum has one identity, two memberships); joined for display names and name search",
  },
  sessions: { placement: "coordinator", why: "a person's sign-ins; read alone by the session check, never joined with tenant rows" },
  sign_in_attempts: { placement: "coordinator", why: "throttling by email before anyone knows the institution; written on every sign-in" },
  career_fields: { placement: "reference", why: "the shared taxonomy, read with profiles and reports" },
  industries: { placement: "reference", why: "the shared taxonomy; alumni_profiles.industry references it" },
  migrations: { placement: "coordinator", why: "TypeORM's record of applied migrations, read by the migrator only" },
  sso_directory: {
    placement: "reference",
    why: "the public list of switched-on campus sign-ins (by email domain, slug, provider id), read before anyone is known; joined with sso_settings and memberships; written only when an admin changes a provider",
  },
  identity_emails: {
    placement: "reference",
    why: "a person's other addresses, across institutions; joined with memberships when matching a campus login by verified email",
  },
  sign_in_codes: {
    placement: "coordinator",
    why: "one-time codes of campus sign-ins, traded once for a session; never joined with tenant rows",
  },
  email_tokens: {
    placement: "coordinator",
    why: "a person's emailed sign-in, reset and verification tokens (hashed); never joined with tenant rows",
  },
  email_token_requests: {
    placement: "coordinator",
    why: "rate limiting of emailed links by address, known or not, before anyone knows the institution",
  },
};

/**
 * Schemas other than public whose every table belongs to no institution (a library's own tables, such as a job
 * queue's), with where they would live. A table in any other schema fails the catalog test.
 */
export const GLOBAL_SCHEMAS: Readonly<Record<string, GlobalTable>> = {
  graphile_worker: {
    placement: "coordinator",
    why: "graphile-worker's job queue (ADR 0013): task names, job keys, run times and payloads of ids, no tenant data",
  },
};

/** The names of the global tables, for the tenancy tests. */
export const GLOBAL_TABLE_NAMES: readonly string[] = Object.keys(GLOBAL_TABLES);
