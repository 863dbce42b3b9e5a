import type { EntityManager } from "typeorm";
import type { PlanContext } from "./notification-plan";
import type { NeedsActionLists } from "./templates/digest-emails";

export type DigestName = "REQUESTS" | "FOLLOW_UPS" | "ADVISOR_LISTS";

/** What a digest's outbox row carries: ids and the period, nothing personal. */
export interface DigestPayload {
  digest: DigestName;
  identityId: string;
  membershipId: string;
  period: string;
}

/** A signed single-use link to accept one proposed time, or to decline, from the email (modules/requests/digest-actions). */
export type DigestActionLink = (claims: {
  institutionId: string;
  requestId: string;
  membershipId: string;
  action: "ACCEPT" | "DECLINE";
  proposedTimeId?: string;
}) => string;

/**
 * The advisors' needs-action lists, in the caller's tenant transaction: the reports module's `needsActionIn` (given by
 * services.ts and jobs/, so notifications need not import reports). `advisor` narrows to that caseload; null is everyone.
 */
export type AdvisorListsSource = (m: EntityManager, institutionId: string, advisor: string | null) => Promise<NeedsActionLists>;

/** What planning a digest email needs besides the database. */
export interface DigestContext {
  publicUrl: string;
  /** Signs an alumni digest's accept and decline links. */
  actionLink?: DigestActionLink;
  /** Signs a student digest's "did it happen?" answer links (the nudge emails' signer). */
  meetingCheckToken?: PlanContext["meetingCheckToken"];
  /** Without it, no advisor digest is built or sent. */
  advisorLists?: AdvisorListsSource;
}
