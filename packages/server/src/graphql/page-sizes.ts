/**
 * Page sizes of the paginated fields: the one place their maxima and defaults are written. The query gate
 * (limits.ts) refuses a `first`/`last` above the field's `max` before anything runs; the modules' own validation
 * (their args classes and services), the schema's defaults and the descriptions that state a range read the same
 * numbers. page-sizes.test.ts requires every field with `first` to be listed here and checks, field by field, that
 * both the gate and the module accept `max` and refuse `max + 1`.
 */
export interface PageSize {
  /** The largest `first` accepted. */
  readonly max: number;
  /** `first` when omitted; null when the field then returns everything (up to `max` where it has one). */
  readonly default: number | null;
}

/** The gate's maximum for a field not listed in FIELD_PAGE_SIZES (config `api.maxPageSize`). */
export const DEFAULT_MAX_PAGE_SIZE = 100;

/** Page sizes by kind of list; a module's args class reads its own. */
export const PAGE_SIZES = {
  /** Lists browsed a page at a time: students, alumniDirectory, contactLog (profiles' PageArgs). */
  list: { max: 100, default: 20 },
  myRequests: { max: 100, default: 20 },
  alumniMatches: { max: 100, default: 10 },
  /** Every open slot in the range, up to max, when `first` is omitted. */
  openSlots: { max: 200, default: null },
  /** Breakdown rows of requestReport; every row when `first` is omitted. */
  requestReport: { max: 1000, default: null },
  /** Items in each of needsAction's lists. */
  needsAction: { max: 500, default: 50 },
  /** Sync feeds for integrations (people, requests, deletions): flat rows read in big pages. */
  sync: { max: 1000, default: 100 },
  webhookDeliveries: { max: 100, default: 50 },
  /** The sign-in log, newest first (modules/identity). */
  signInLog: { max: 500, default: 100 },
  /** The audit log, newest first (modules/audit). */
  auditLog: { max: 200, default: 50 },
  /** Consent records of one kind (modules/consent). */
  consentRecords: { max: 500, default: 100 },
  /** The person's notification centre, newest first (modules/notifications, ADR 0028). */
  myNotifications: { max: 100, default: 20 },
} as const satisfies Record<string, PageSize>;

/** Every field with a `first` argument, by "Type.field": what the gate enforces and the test checks. */
export const FIELD_PAGE_SIZES: Readonly<Record<string, PageSize>> = {
  "Query.students": PAGE_SIZES.list,
  "Query.studentRoster": PAGE_SIZES.list,
  "Query.alumniDirectory": PAGE_SIZES.list,
  "Query.contactLog": PAGE_SIZES.list,
  "Query.myRequests": PAGE_SIZES.myRequests,
  "Query.alumniMatches": PAGE_SIZES.alumniMatches,
  "Query.openSlots": PAGE_SIZES.openSlots,
  "Query.requestReport": PAGE_SIZES.requestReport,
  "Query.needsAction": PAGE_SIZES.needsAction,
  "Query.people": PAGE_SIZES.sync,
  "Query.requests": PAGE_SIZES.sync,
  "Query.deletions": PAGE_SIZES.sync,
  "Query.webhookDeliveries": PAGE_SIZES.webhookDeliveries,
  "Query.signInLog": PAGE_SIZES.signInLog,
  "Query.auditLog": PAGE_SIZES.auditLog,
  "Query.consentRecords": PAGE_SIZES.consentRecords,
  "Query.myNotifications": PAGE_SIZES.myNotifications,
};
