import { formatDateTime, formatTimeOfDay } from "../../lib/time";
import { wallClock } from "./week-grid";

export interface SlotLabel {
  /** The moment on the reader's clock, with day and zone: "Tue, Mar 10, 10:00 AM EDT". */
  mine: string;
  /** The same on the other person's clock; null when they share a zone. */
  theirs: string | null;
  /** The time of day alone on the reader's clock: "10:00 AM". */
  myTime: string;
  /** The time of day alone on the other person's clock; null when they share a zone. */
  theirTime: string | null;
}

/** A slot in both zones, through lib/time.ts: full words for screen readers, the time of day for the cell. */
export function slotLabel(iso: string, myZone: string, theirZone: string, locale?: string): SlotLabel {
  const mine = formatDateTime(iso, myZone, locale);
  const theirs = formatDateTime(iso, theirZone, locale);
  const same = theirs === mine;
  return {
    mine,
    theirs: same ? null : theirs,
    myTime: formatTimeOfDay(wallClock(iso, myZone).time, locale),
    theirTime: same ? null : formatTimeOfDay(wallClock(iso, theirZone).time, locale),
  };
}
