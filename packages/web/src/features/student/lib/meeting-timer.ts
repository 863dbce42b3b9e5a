/**
 * The meeting's timer against the 20–30 minutes agreed: minutes used since the student started it, and the stage
 * that earns a gentle note (at 20 minutes, and at 30). Pure, so the page and its tests share one rule.
 */

export const AGREED_MIN = 20;
export const AGREED_MAX = 30;

export type TimerStage = "idle" | "running" | "twenty" | "thirty";

/** Whole minutes since `startedAt` (never negative), or null before the timer starts. */
export function minutesUsed(startedAt: number | null, now: number): number | null {
  if (startedAt === null) return null;
  return Math.max(0, Math.floor((now - startedAt) / 60_000));
}

export function timerStage(minutes: number | null): TimerStage {
  if (minutes === null) return "idle";
  if (minutes >= AGREED_MAX) return "thirty";
  if (minutes >= AGREED_MIN) return "twenty";
  return "running";
}
