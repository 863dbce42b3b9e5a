/** What other modules may use from availability: they import it from here, never from its files (eslint.config.js). */
export type { AvailabilityService } from "./availability.service";
export { candidateSlots, earliestBookableStart, withinCapacity } from "./open-slots";
export type { Interval, WeeklyWindow, ZonedInterval } from "./open-slots";
export type { BusyInterval, FreeBusyQuery, FreeBusyResult, FreeBusySource } from "./free-busy-source";
