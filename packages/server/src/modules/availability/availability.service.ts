import { MoreThan, type EntityManager } from "typeorm";
import { CURRENT_INSTITUTION } from "../../db/rls";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { badInput, forbidden, type FieldError } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { ConsentKind } from "../consent";
import type { ConsentService } from "../consent";
import { AvailabilitySlot } from "./availability-slot.entity";
import { AvailabilityWindow } from "./availability-window.entity";
import { alumnusNotFound, slotNotFound } from "./availability.errors";
import {
  MAX_PAGE,
  type AddAvailabilitySlotInput,
  type OpenSlotsArgs,
  type SetWeeklyAvailabilityArgs,
  type WindowInput,
} from "./availability.inputs";
import { canSeeOpenSlots, ownAlumnusId } from "./availability.policy";
import type { MyAvailability, OpenSlotPage } from "./availability.types";
import {
  candidateSlots,
  earliestBookableStart,
  isCovered,
  MAX_RANGE_DAYS,
  withinCapacity,
  type Interval,
  type WeeklyWindow,
  type ZonedInterval,
} from "./open-slots";
import { canonicalTimeZone, localLabel, monthKey, monthRange, parseHhMm } from "../../shared/zoned-time";

const MINUTE = 60_000;
const MAX_SLOT_HOURS = 8;
const MAX_FUTURE_SLOTS = 100;
/** Requests in these states hold a time in the alum's calendar. */
const BOOKED_STATES = ["ACCEPTED", "COMPLETED"];
/** Requests in these states use up the alum's monthly capacity. */
const CAPACITY_STATES = ["ACCEPTED", "COMPLETED", "NO_SHOW"];

/** What the rules need to know about one alum, read inside the caller's tenant scope. */
interface AlumnusSettings {
  institutionId: string;
  meetingMinutes: number;
  /** An alum with no profile yet counts as paused, with no capacity. */
  paused: boolean;
  monthlyCapacity: number;
  /** The profile's zone, else the institution's: capacity months are counted in it. */
  timeZone: string;
}

export interface OpenSlotsQuery {
  institutionId: string;
  alumnusId: string;
  from: Date;
  to: Date;
}

export interface BookableQuery {
  alumnusId: string;
  startsAt: Date;
  endsAt: Date;
  /** The alum choosing a time themself may waive the notice period; students never do. */
  ignoreNotice?: boolean;
}

/**
 * Alumni availability: weekly windows and one-off slots, expanded into bookable slots of the
 * institution's meeting length, honouring the pause switch and monthly capacity.
 *
 * The methods taking an EntityManager are for other modules (requests): they run inside the caller's
 * transaction, already scoped to the tenant, and make no permission or consent checks of their own.
 */
export class AvailabilityService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly consent: ConsentService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async myAvailability(viewer: Viewer): Promise<MyAvailability> {
    const alumnusId = this.requireAlumnus(viewer);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const alum = await this.settingsOrFail(m, alumnusId);
      const windows = await this.windowEntities(m, alumnusId);
      const slots = await m
        .getRepository(AvailabilitySlot)
        .find({ where: { alumnusId, endsAt: MoreThan(this.now()) }, order: { startsAt: "ASC" } });
      return {
        timeZone: alum.timeZone,
        paused: alum.paused,
        monthlyCapacity: alum.monthlyCapacity,
        capacityLeftThisMonth: await this.capacityLeftFor(m, alumnusId, alum, this.now()),
        windows,
        slots,
      };
    });
  }

  /** Replaces all of the alum's weekly windows in one go. */
  async setWeeklyAvailability(viewer: Viewer, args: SetWeeklyAvailabilityArgs): Promise<AvailabilityWindow[]> {
    const alumnusId = this.requireAlumnus(viewer);
    const parsed = parseWindows(args.windows);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await lockAlumnus(m, alumnusId);
      const alum = await this.settingsOrFail(m, alumnusId);
      const timeZone = (args.timeZone != null ? canonicalTimeZone(args.timeZone) : null) ?? alum.timeZone;
      await m.query(`DELETE FROM availability_windows WHERE alumnus_id = $1`, [alumnusId]);
      const repository = m.getRepository(AvailabilityWindow);
      await repository.save(parsed.map((w) => repository.create({ ...w, institutionId: viewer.institutionId, alumnusId, timeZone })));
      return this.windowEntities(m, alumnusId);
    });
  }

  async addAvailabilitySlot(viewer: Viewer, input: AddAvailabilitySlotInput): Promise<AvailabilitySlot> {
    const alumnusId = this.requireAlumnus(viewer);
    const now = this.now();
    const length = input.endsAt.getTime() - input.startsAt.getTime();
    const problems: FieldError[] = [];
    if (input.startsAt <= now) problems.push({ field: "startsAt", message: "Choose a time in the future." });
    if (length <= 0) problems.push({ field: "endsAt", message: "End after the start." });
    else if (length > MAX_SLOT_HOURS * 3600_000)
      problems.push({ field: "endsAt", message: `Keep a slot to at most ${MAX_SLOT_HOURS} hours.` });
    if (problems.length > 0) throw badInput(problems);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await lockAlumnus(m, alumnusId);
      const alum = await this.settingsOrFail(m, alumnusId);
      if (length < alum.meetingMinutes * MINUTE) {
        throw badInput([{ field: "endsAt", message: `Make it at least as long as one conversation (${alum.meetingMinutes} minutes).` }]);
      }
      const [{ overlapping, upcoming }] = await m.query(
        `SELECT count(*) FILTER (WHERE starts_at < $3 AND ends_at > $2)::int AS overlapping, count(*)::int AS upcoming
           FROM availability_slots WHERE alumnus_id = $1 AND ends_at > $4`,
        [alumnusId, input.startsAt, input.endsAt, now],
      );
      if (overlapping > 0)
        throw badInput([
          { field: "startsAt", message: "This overlaps one of your other one-off slots. Change or remove that one instead." },
        ]);
      if (upcoming >= MAX_FUTURE_SLOTS)
        throw badInput([{ field: "startsAt", message: `You can have at most ${MAX_FUTURE_SLOTS} upcoming one-off slots.` }]);
      const repository = m.getRepository(AvailabilitySlot);
      const timeZone = (input.timeZone != null ? canonicalTimeZone(input.timeZone) : null) ?? alum.timeZone;
      return repository.save(
        repository.create({ institutionId: viewer.institutionId, alumnusId, startsAt: input.startsAt, endsAt: input.endsAt, timeZone }),
      );
    });
  }

  /** Removes one of the alum's one-off slots. Meetings already booked in it stay booked. */
  async removeAvailabilitySlot(viewer: Viewer, id: string): Promise<boolean> {
    const alumnusId = this.requireAlumnus(viewer);
    if (!isUuid(id)) throw slotNotFound();
    const rows = await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      sqlRows(m, `DELETE FROM availability_slots WHERE id = $1 AND alumnus_id = $2 RETURNING id`, [id, alumnusId]),
    );
    if (rows.length === 0) throw slotNotFound();
    return true;
  }

  /**
   * A page of an alum's open slots for any member of the institution. Empty while the alum does not
   * accept requests (ALUMNUS_CONTACT withdrawn), is paused, or has no capacity left in a slot's month.
   */
  async openSlotPage(viewer: Viewer, args: OpenSlotsArgs): Promise<OpenSlotPage> {
    if (!canSeeOpenSlots(viewer)) throw forbidden();
    const problems: FieldError[] = [];
    if (args.to <= args.from) problems.push({ field: "to", message: "End the range after `from`." });
    else if (args.to.getTime() - args.from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
      problems.push({ field: "to", message: `Ask for at most ${MAX_RANGE_DAYS} days at a time.` });
    }
    const after = args.after == null || args.after === "" ? null : decodeCursor(args.after);
    if (after === undefined) problems.push({ field: "after", message: "This cursor is not valid. Start again without `after`." });
    if (problems.length > 0) throw badInput(problems);
    const first = args.first ?? MAX_PAGE;
    const slots = await tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      if (!(await this.alumnusSettings(m, args.alumnusId))) throw alumnusNotFound();
      if (!(await this.consent.hasConsent(m, args.alumnusId, ConsentKind.ALUMNUS_CONTACT))) return [];
      return this.zonedOpenSlots(m, args.alumnusId, args.from, args.to, viewer.institutionId);
    });
    const rest = after ? slots.filter((s) => s.startsAt > after) : slots;
    const page = rest.slice(0, first);
    return {
      slots: page.map((s) => ({ ...s, localLabel: localLabel(s.startsAt, s.endsAt, s.timeZone) })),
      hasNextPage: rest.length > first,
      endCursor: page.length > 0 ? encodeCursor(page[page.length - 1].startsAt) : null,
    };
  }

  // ——— For other modules, inside their own tenant-scoped transaction ———

  /** Bookable slots starting in [from, to), earliest first: what a student may propose. */
  async openSlots(manager: EntityManager, query: OpenSlotsQuery): Promise<Array<{ startsAt: Date; endsAt: Date }>> {
    const slots = await this.zonedOpenSlots(manager, query.alumnusId, query.from, query.to, query.institutionId);
    return slots.map(({ startsAt, endsAt }) => ({ startsAt, endsAt }));
  }

  /** Whether the alum has published any availability at all: a weekly window or a one-off slot not yet over. */
  async hasAvailability(manager: EntityManager, alumnusId: string): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM availability_windows WHERE alumnus_id = $1)
           OR EXISTS (SELECT 1 FROM availability_slots WHERE alumnus_id = $1 AND ends_at > $2) AS "has"`,
      [alumnusId, this.now()],
    );
    return row.has === true;
  }

  /**
   * Whether [startsAt, endsAt) can be booked now: exactly the meeting length, inside published availability
   * (not necessarily on openSlots' grid), clear of booked meetings, past the notice period, while the alum
   * is not paused and has capacity left in that month. The exclusion constraint on interview_requests
   * still has the last word against a concurrent booking.
   */
  async isBookable(manager: EntityManager, query: BookableQuery): Promise<boolean> {
    const { alumnusId, startsAt, endsAt } = query;
    const alum = await this.alumnusSettings(manager, alumnusId);
    if (!alum || alum.paused) return false;
    if (endsAt.getTime() - startsAt.getTime() !== alum.meetingMinutes * MINUTE) return false;
    const now = this.now();
    if (startsAt < (query.ignoreNotice ? now : earliestBookableStart(now))) return false;
    if ((await this.bookedMeetings(manager, alumnusId, startsAt, endsAt)).length > 0) return false;
    const windows = await this.weeklyWindows(manager, alumnusId);
    const oneOff = await this.oneOffSlots(manager, alumnusId, startsAt, endsAt);
    if (!isCovered({ startsAt, endsAt }, windows, oneOff)) return false;
    return (await this.capacityLeftFor(manager, alumnusId, alum, startsAt)) > 0;
  }

  /** Conversations the alum can still take in the calendar month (in their zone) that contains `monthOf`. */
  async capacityLeft(manager: EntityManager, alumnusId: string, monthOf: Date): Promise<number> {
    const alum = await this.alumnusSettings(manager, alumnusId);
    return alum ? this.capacityLeftFor(manager, alumnusId, alum, monthOf) : 0;
  }

  /** True while the alum takes a break, and for an alum who has no profile yet (or no such alum). */
  async isPaused(manager: EntityManager, alumnusId: string): Promise<boolean> {
    const alum = await this.alumnusSettings(manager, alumnusId);
    return !alum || alum.paused;
  }

  // ——— Internals ———

  private requireAlumnus(viewer: Viewer): string {
    const alumnusId = ownAlumnusId(viewer);
    if (!alumnusId) throw forbidden();
    return alumnusId;
  }

  private async zonedOpenSlots(m: EntityManager, alumnusId: string, from: Date, to: Date, institutionId: string): Promise<ZonedInterval[]> {
    const alum = await this.alumnusSettings(m, alumnusId);
    if (!alum || alum.institutionId !== institutionId || alum.paused || alum.monthlyCapacity <= 0) return [];
    const earliest = earliestBookableStart(this.now());
    const start = from > earliest ? from : earliest;
    if (start >= to) return [];
    const horizon = new Date(to.getTime() + alum.meetingMinutes * MINUTE);
    const slots = candidateSlots(
      {
        windows: await this.weeklyWindows(m, alumnusId),
        oneOffSlots: await this.oneOffSlots(m, alumnusId, start, horizon),
        booked: await this.bookedMeetings(m, alumnusId, start, horizon),
        meetingMinutes: alum.meetingMinutes,
      },
      start,
      to,
    );
    if (slots.length === 0) return [];
    return withinCapacity(
      slots,
      alum.timeZone,
      await this.fullMonths(m, alumnusId, alum, slots[0].startsAt, slots[slots.length - 1].startsAt),
    );
  }

  /** The alum, if the id is an alum of the current institution (a person's memberships elsewhere are visible to them, so say so). */
  private async alumnusSettings(m: EntityManager, alumnusId: string): Promise<AlumnusSettings | null> {
    if (!isUuid(alumnusId)) return null;
    const rows: AlumnusSettings[] = await m.query(
      `SELECT ms.institution_id AS "institutionId", i.meeting_minutes AS "meetingMinutes",
              coalesce(p.paused, true) AS paused, coalesce(p.monthly_capacity, 0) AS "monthlyCapacity",
              coalesce(p.time_zone, i.time_zone) AS "timeZone"
         FROM memberships ms
         JOIN institutions i ON i.id = ms.institution_id
         LEFT JOIN alumni_profiles p ON p.institution_id = ms.institution_id AND p.membership_id = ms.id
        WHERE ms.id = $1 AND ms.role = 'ALUMNUS' AND ms.institution_id = ${CURRENT_INSTITUTION}`,
      [alumnusId],
    );
    const alum = rows[0];
    if (!alum) return null;
    // A zone Intl does not know (set outside the API) falls back to UTC rather than failing every query.
    return { ...alum, timeZone: canonicalTimeZone(alum.timeZone) ?? "UTC" };
  }

  private async settingsOrFail(m: EntityManager, alumnusId: string): Promise<AlumnusSettings> {
    const alum = await this.alumnusSettings(m, alumnusId);
    if (!alum) throw alumnusNotFound();
    return alum;
  }

  private windowEntities(m: EntityManager, alumnusId: string): Promise<AvailabilityWindow[]> {
    return m.getRepository(AvailabilityWindow).find({ where: { alumnusId }, order: { weekday: "ASC", startMinute: "ASC" } });
  }

  private async weeklyWindows(m: EntityManager, alumnusId: string): Promise<WeeklyWindow[]> {
    const rows: WeeklyWindow[] = await m.query(
      `SELECT weekday, start_minute AS "startMinute", end_minute AS "endMinute", time_zone AS "timeZone"
         FROM availability_windows WHERE alumnus_id = $1`,
      [alumnusId],
    );
    return rows.flatMap((w) => {
      const timeZone = canonicalTimeZone(w.timeZone);
      return timeZone ? [{ ...w, timeZone }] : [];
    });
  }

  private async oneOffSlots(m: EntityManager, alumnusId: string, from: Date, to: Date): Promise<ZonedInterval[]> {
    const rows: ZonedInterval[] = await m.query(
      `SELECT starts_at AS "startsAt", ends_at AS "endsAt", time_zone AS "timeZone"
         FROM availability_slots WHERE alumnus_id = $1 AND ends_at > $2 AND starts_at < $3 ORDER BY starts_at`,
      [alumnusId, from, to],
    );
    return rows.map((s) => ({ ...s, timeZone: canonicalTimeZone(s.timeZone) ?? "UTC" }));
  }

  private bookedMeetings(m: EntityManager, alumnusId: string, from: Date, to: Date): Promise<Interval[]> {
    return m.query(
      `SELECT meeting_starts_at AS "startsAt", meeting_ends_at AS "endsAt"
         FROM interview_requests
        WHERE alumnus_id = $1 AND state = ANY($2) AND meeting_range && tstzrange($3, $4, '[)')`,
      [alumnusId, BOOKED_STATES, from, to],
    );
  }

  /** Meetings that count against capacity, per calendar month in the alum's zone, for months between two instants. */
  private async usedPerMonth(m: EntityManager, alumnusId: string, zone: string, first: Date, last: Date): Promise<Map<string, number>> {
    const rows: Array<{ startsAt: Date }> = await m.query(
      `SELECT meeting_starts_at AS "startsAt" FROM interview_requests
        WHERE alumnus_id = $1 AND state = ANY($2) AND meeting_starts_at >= $3 AND meeting_starts_at < $4`,
      [alumnusId, CAPACITY_STATES, monthRange(first, zone).start, monthRange(last, zone).end],
    );
    const used = new Map<string, number>();
    for (const { startsAt } of rows) {
      const key = monthKey(startsAt, zone);
      used.set(key, (used.get(key) ?? 0) + 1);
    }
    return used;
  }

  private async fullMonths(m: EntityManager, alumnusId: string, alum: AlumnusSettings, first: Date, last: Date): Promise<Set<string>> {
    const used = await this.usedPerMonth(m, alumnusId, alum.timeZone, first, last);
    return new Set([...used].filter(([, count]) => count >= alum.monthlyCapacity).map(([key]) => key));
  }

  private async capacityLeftFor(m: EntityManager, alumnusId: string, alum: AlumnusSettings, monthOf: Date): Promise<number> {
    const used = (await this.usedPerMonth(m, alumnusId, alum.timeZone, monthOf, monthOf)).get(monthKey(monthOf, alum.timeZone)) ?? 0;
    return Math.max(0, alum.monthlyCapacity - used);
  }
}

/** Serialises changes to one alum's availability, so concurrent edits cannot interleave. */
async function lockAlumnus(m: EntityManager, alumnusId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`availability:${alumnusId}`]);
}

/** Checks what class-validator cannot: end after start, and no two windows overlapping on one weekday. */
function parseWindows(windows: WindowInput[]): Array<Pick<AvailabilityWindow, "weekday" | "startMinute" | "endMinute">> {
  const problems: FieldError[] = [];
  const parsed = windows.map((w, index) => {
    const startMinute = parseHhMm(w.startTime) ?? 0;
    const endMinute = parseHhMm(w.endTime) ?? 0;
    if (endMinute <= startMinute)
      problems.push({ field: `windows.${index}.endTime`, message: "End the window after it starts, on the same day." });
    return { index, weekday: w.weekday, startMinute, endMinute };
  });
  // By day and start: a window overlaps an earlier one exactly when it starts before the furthest end so far.
  const valid = parsed.filter((w) => w.endMinute > w.startMinute).sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  let reach: (typeof parsed)[number] | null = null;
  for (const w of valid) {
    if (reach && reach.weekday === w.weekday && w.startMinute < reach.endMinute) {
      problems.push({ field: `windows.${w.index}`, message: `This window overlaps windows.${reach.index} on the same day.` });
    }
    if (!reach || reach.weekday !== w.weekday || w.endMinute > reach.endMinute) reach = w;
  }
  if (problems.length > 0) throw badInput(problems);
  return parsed.map(({ weekday, startMinute, endMinute }) => ({ weekday, startMinute, endMinute }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string): boolean => UUID.test(value);

const encodeCursor = (startsAt: Date): string => Buffer.from(startsAt.toISOString()).toString("base64url");

/** The start of the last slot on the previous page, or undefined for a cursor we did not issue. */
function decodeCursor(cursor: string): Date | undefined {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) return undefined;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
