/**
 * Free/busy from a person's own calendar (Google Calendar, Microsoft 365), so the times offered skip what is
 * already booked there. Only the contract lives here: these machines cannot reach Google or Microsoft, so there is
 * no implementation, real or fake, and nothing calls it yet. The contract is documented in docs/notifications.md
 * ("Free/busy") and ADR 0025.
 */

/** A busy stretch of someone's calendar: [start, end), in UTC. Nothing else — no titles, no attendees. */
export interface BusyInterval {
  start: Date;
  end: Date;
}

/** Whom to ask about and over which stretch of time. */
export interface FreeBusyQuery {
  institutionId: string;
  membershipId: string;
  /** Inclusive start, exclusive end; a source may refuse ranges longer than `maxRangeDays`. */
  from: Date;
  to: Date;
}

export type FreeBusyResult =
  /** Busy intervals inside [from, to), sorted by start, overlapping ones merged. Empty: free all the time. */
  | { status: "OK"; busy: BusyInterval[]; fetchedAt: Date }
  /** The person has not connected this calendar, or revoked the connection: offer times without it. */
  | { status: "NOT_CONNECTED" }
  /** The provider could not be reached or refused (timeout, 5xx, rate limit): offer times without it, say so. */
  | { status: "UNAVAILABLE"; reason: string; retryAfter?: Date };

export interface FreeBusySource {
  /** "GOOGLE", "MICROSOFT", …: shown to the person as where their busy times come from. */
  readonly provider: string;
  /** The longest range one call answers (Google's freeBusy answers at most about 60 days). */
  readonly maxRangeDays: number;
  /**
   * Busy times only, never event details. Must not throw for provider failures (answer UNAVAILABLE), must answer
   * within `timeoutMs`, and must not write anything. Called outside any database transaction.
   */
  busy(query: FreeBusyQuery, options: { timeoutMs: number; signal?: AbortSignal }): Promise<FreeBusyResult>;
}
