import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { useTestDatabase } from "../../test/database";
import { buildAlumnus, buildInstitution, buildStudent, type BuiltMember } from "../../test/factories";
import { MemoryMailer, testConfig } from "../../test/test-server";
import { ConsentService } from "../consent/consent.service";
import { AvailabilityService } from "./availability.service";

const db = useTestDatabase();

const at = (iso: string) => new Date(iso);
const iso = (slots: Array<{ startsAt: Date }>) => slots.map((s) => s.startsAt.toISOString());
const plus = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

/** The service with its clock stopped at `now`, so tests about 2027 do not depend on today's date. */
function serviceAt(now: string): AvailabilityService {
  const deps = { dataSource: db(), config: testConfig(), mailer: new MemoryMailer() };
  return new AvailabilityService(deps, new ConsentService(deps), () => at(now));
}

const viewerOf = (member: BuiltMember): Viewer => ({
  identityId: member.identityId,
  institutionId: member.institutionId,
  sessionId: randomUUID(),
  roles: [member.role],
  memberships: { [member.role]: member.membershipId },
});

const inTenant = <T>(institutionId: string, fn: (m: EntityManager) => Promise<T>) => tenantTransaction(db(), { institutionId }, fn);

async function alumWithDailyWindow(timeZone: string, startTime = "09:00", endTime = "10:00"): Promise<BuiltMember> {
  const alum = await buildAlumnus(db());
  await inTenant(alum.institutionId, (m) =>
    m.query(`UPDATE alumni_profiles SET time_zone = $2 WHERE membership_id = $1`, [alum.membershipId, timeZone]),
  );
  const windows = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime, endTime }));
  await serviceAt("2027-01-01T00:00:00Z").setWeeklyAvailability(viewerOf(alum), { windows, timeZone });
  return alum;
}

/** A meeting in the alum's calendar, inserted directly: the requests module is not here yet. */
async function book(alum: BuiltMember, startsAt: Date, state = "ACCEPTED", minutes = 30): Promise<void> {
  const student = await buildStudent(db(), { institution: { id: alum.institutionId, slug: "", name: "" } });
  await inTenant(alum.institutionId, (m) =>
    m.query(
      `INSERT INTO interview_requests (institution_id, student_id, alumnus_id, state, modality, message, student_time_zone, alumnus_time_zone,
                                       expires_at, meeting_starts_at, meeting_ends_at)
       VALUES ($1, $2, $3, $4, 'VIDEO', 'Hello!', 'UTC', 'UTC', $5, $5, $6)`,
      [alum.institutionId, student.membershipId, alum.membershipId, state, startsAt, plus(startsAt, minutes)],
    ),
  );
}

const openSlots = (service: AvailabilityService, alum: BuiltMember, from: string, to: string) =>
  inTenant(alum.institutionId, (m) =>
    service.openSlots(m, { institutionId: alum.institutionId, alumnusId: alum.membershipId, from: at(from), to: at(to) }),
  );

describe("openSlots across daylight-saving changes", () => {
  it("keeps a 09:00 New York window at 09:00 local across the US change on 2027-03-14", async () => {
    const alum = await alumWithDailyWindow("America/New_York");
    const slots = await openSlots(serviceAt("2027-03-01T12:00:00Z"), alum, "2027-03-12T00:00:00Z", "2027-03-17T00:00:00Z");
    expect(iso(slots)).toEqual([
      "2027-03-12T14:00:00.000Z",
      "2027-03-12T14:30:00.000Z",
      "2027-03-13T14:00:00.000Z",
      "2027-03-13T14:30:00.000Z",
      "2027-03-14T13:00:00.000Z",
      "2027-03-14T13:30:00.000Z",
      "2027-03-15T13:00:00.000Z",
      "2027-03-15T13:30:00.000Z",
      "2027-03-16T13:00:00.000Z",
      "2027-03-16T13:30:00.000Z",
    ]);
  });

  it("keeps a 09:00 London window at 09:00 local across the UK change on 2027-03-28", async () => {
    const alum = await alumWithDailyWindow("Europe/London", "09:00", "09:30");
    const slots = await openSlots(serviceAt("2027-03-01T12:00:00Z"), alum, "2027-03-27T00:00:00Z", "2027-03-30T00:00:00Z");
    expect(iso(slots)).toEqual(["2027-03-27T09:00:00.000Z", "2027-03-28T08:00:00.000Z", "2027-03-29T08:00:00.000Z"]);
  });

  it("never moves a meeting booked before the change: it still blocks the same instant after it", async () => {
    const alum = await alumWithDailyWindow("America/New_York");
    // Booked on 1 March (EST) for Tuesday 16 March 09:00 EDT.
    const meeting = at("2027-03-16T13:00:00Z");
    const before = serviceAt("2027-03-01T12:00:00Z");
    expect(
      await inTenant(alum.institutionId, (m) =>
        before.isBookable(m, { alumnusId: alum.membershipId, startsAt: meeting, endsAt: plus(meeting, 30) }),
      ),
    ).toBe(true);
    await book(alum, meeting);
    const after = serviceAt("2027-03-15T00:00:00Z");
    expect(iso(await openSlots(after, alum, "2027-03-16T00:00:00Z", "2027-03-17T00:00:00Z"))).toEqual(["2027-03-16T13:30:00.000Z"]);
    expect(
      await inTenant(alum.institutionId, (m) =>
        after.isBookable(m, { alumnusId: alum.membershipId, startsAt: meeting, endsAt: plus(meeting, 30) }),
      ),
    ).toBe(false);
  });
});

describe("openSlots", () => {
  it("leaves out the past and the next 12 hours", async () => {
    const alum = await alumWithDailyWindow("America/New_York");
    // 03:00 UTC: 09:00 EDT (13:00 UTC) the same day is only 10 hours away.
    const slots = await openSlots(serviceAt("2027-03-16T03:00:00Z"), alum, "2027-03-10T00:00:00Z", "2027-03-18T00:00:00Z");
    expect(iso(slots)).toEqual(["2027-03-17T13:00:00.000Z", "2027-03-17T13:30:00.000Z"]);
  });

  it("cuts one-off slots into meeting-length pieces, dropping a shorter remainder", async () => {
    const alum = await buildAlumnus(db());
    const service = serviceAt("2027-03-01T12:00:00Z");
    await service.addAvailabilitySlot(viewerOf(alum), {
      startsAt: at("2027-03-20T15:00:00Z"),
      endsAt: at("2027-03-20T16:40:00Z"),
      timeZone: "Asia/Kolkata",
    });
    const slots = await openSlots(service, alum, "2027-03-20T00:00:00Z", "2027-03-21T00:00:00Z");
    expect(iso(slots)).toEqual(["2027-03-20T15:00:00.000Z", "2027-03-20T15:30:00.000Z", "2027-03-20T16:00:00.000Z"]);
    expect(slots[0]).toEqual({ startsAt: at("2027-03-20T15:00:00Z"), endsAt: at("2027-03-20T15:30:00Z") });
  });

  it("offers nothing while the alum is paused", async () => {
    const alum = await alumWithDailyWindow("America/New_York");
    await inTenant(alum.institutionId, (m) =>
      m.query(`UPDATE alumni_profiles SET paused = true WHERE membership_id = $1`, [alum.membershipId]),
    );
    const service = serviceAt("2027-03-01T12:00:00Z");
    expect(await openSlots(service, alum, "2027-03-10T00:00:00Z", "2027-03-20T00:00:00Z")).toEqual([]);
    expect(await inTenant(alum.institutionId, (m) => service.isPaused(m, alum.membershipId))).toBe(true);
  });

  it("offers nothing in a calendar month (in the alum's zone) whose capacity is used, and keeps offering the next", async () => {
    const alum = await alumWithDailyWindow("America/New_York");
    await inTenant(alum.institutionId, (m) =>
      m.query(`UPDATE alumni_profiles SET monthly_capacity = 3 WHERE membership_id = $1`, [alum.membershipId]),
    );
    const service = serviceAt("2027-03-01T12:00:00Z");
    await book(alum, at("2027-03-02T15:00:00Z"), "ACCEPTED");
    await book(alum, at("2027-04-01T02:00:00Z"), "NO_SHOW"); // 31 March, 22:00 EDT
    await book(alum, at("2027-03-03T15:00:00Z"), "CANCELLED"); // does not count
    await book(alum, at("2027-03-03T16:00:00Z"), "DECLINED"); // does not count
    const left = (monthOf: string) => inTenant(alum.institutionId, (m) => service.capacityLeft(m, alum.membershipId, at(monthOf)));
    expect(await left("2027-03-15T12:00:00Z")).toBe(1);
    expect(await left("2027-04-15T12:00:00Z")).toBe(3);
    expect(await openSlots(service, alum, "2027-03-30T00:00:00Z", "2027-04-03T00:00:00Z")).toHaveLength(8);

    await book(alum, at("2027-03-04T15:00:00Z"), "COMPLETED");
    expect(await left("2027-03-15T12:00:00Z")).toBe(0);
    expect(iso(await openSlots(service, alum, "2027-03-30T00:00:00Z", "2027-04-03T00:00:00Z"))).toEqual([
      "2027-04-01T13:00:00.000Z",
      "2027-04-01T13:30:00.000Z",
      "2027-04-02T13:00:00.000Z",
      "2027-04-02T13:30:00.000Z",
    ]);
  });

  it("offers nothing to a caller scoped to another institution", async () => {
    const alum = await alumWithDailyWindow("America/New_York");
    const elsewhere = await buildInstitution(db());
    const service = serviceAt("2027-03-01T12:00:00Z");
    const query = {
      institutionId: elsewhere.id,
      alumnusId: alum.membershipId,
      from: at("2027-03-10T00:00:00Z"),
      to: at("2027-03-20T00:00:00Z"),
    };
    await inTenant(elsewhere.id, async (m) => {
      expect(await service.openSlots(m, query)).toEqual([]);
      expect(await service.openSlots(m, { ...query, institutionId: alum.institutionId })).toEqual([]);
      expect(await service.hasAvailability(m, alum.membershipId)).toBe(false);
      expect(await service.isPaused(m, alum.membershipId)).toBe(true);
      expect(await service.capacityLeft(m, alum.membershipId, at("2027-03-15T00:00:00Z"))).toBe(0);
      expect(
        await service.isBookable(m, {
          alumnusId: alum.membershipId,
          startsAt: at("2027-03-16T13:00:00Z"),
          endsAt: at("2027-03-16T13:30:00Z"),
        }),
      ).toBe(false);
    });
    // The same caller in the alum's own institution does see them.
    expect(await openSlots(service, alum, "2027-03-10T00:00:00Z", "2027-03-20T00:00:00Z")).not.toEqual([]);
  });
});

describe("isBookable", () => {
  const service = () => serviceAt("2027-03-01T12:00:00Z");
  const check = (alum: BuiltMember, startsAt: string, minutes = 30, ignoreNotice = false, s = service()) =>
    inTenant(alum.institutionId, (m) =>
      s.isBookable(m, { alumnusId: alum.membershipId, startsAt: at(startsAt), endsAt: plus(at(startsAt), minutes), ignoreNotice }),
    );

  it("accepts a meeting-length time inside the availability, on or off the slot grid", async () => {
    const alum = await alumWithDailyWindow("America/New_York");
    expect(await check(alum, "2027-03-16T13:00:00Z")).toBe(true);
    expect(await check(alum, "2027-03-16T13:10:00Z")).toBe(true);
  });

  it("refuses a time outside the availability, or not the meeting length", async () => {
    const alum = await alumWithDailyWindow("America/New_York");
    expect(await check(alum, "2027-03-16T13:45:00Z")).toBe(false);
    expect(await check(alum, "2027-03-16T12:00:00Z")).toBe(false);
    expect(await check(alum, "2027-03-16T13:00:00Z", 60)).toBe(false);
    expect(await check(alum, "2027-03-16T13:00:00Z", 15)).toBe(false);
  });

  it("refuses a time overlapping a booked meeting, but not one next to it", async () => {
    const alum = await alumWithDailyWindow("America/New_York");
    await book(alum, at("2027-03-16T13:15:00Z"), "ACCEPTED", 15);
    expect(await check(alum, "2027-03-16T13:00:00Z")).toBe(false);
    expect(await check(alum, "2027-03-16T13:10:00Z")).toBe(false);
    expect(await check(alum, "2027-03-16T13:30:00Z")).toBe(true);
  });

  it("refuses a time within the notice period unless the caller waives it, and always the past", async () => {
    const alum = await alumWithDailyWindow("America/New_York");
    const early = serviceAt("2027-03-16T06:00:00Z");
    expect(await check(alum, "2027-03-16T13:00:00Z", 30, false, early)).toBe(false);
    expect(await check(alum, "2027-03-16T13:00:00Z", 30, true, early)).toBe(true);
    expect(await check(alum, "2027-03-16T13:00:00Z", 30, true, serviceAt("2027-03-16T13:05:00Z"))).toBe(false);
  });

  it("refuses everything while paused or when the month is full", async () => {
    const alum = await alumWithDailyWindow("America/New_York");
    await inTenant(alum.institutionId, (m) =>
      m.query(`UPDATE alumni_profiles SET monthly_capacity = 1 WHERE membership_id = $1`, [alum.membershipId]),
    );
    await book(alum, at("2027-03-20T13:00:00Z"));
    expect(await check(alum, "2027-03-16T13:00:00Z")).toBe(false);
    expect(await check(alum, "2027-04-06T13:00:00Z")).toBe(true);
    await inTenant(alum.institutionId, (m) =>
      m.query(`UPDATE alumni_profiles SET paused = true WHERE membership_id = $1`, [alum.membershipId]),
    );
    expect(await check(alum, "2027-04-06T13:00:00Z")).toBe(false);
  });
});

describe("hasAvailability", () => {
  it("is true with a weekly window or a one-off slot not yet over, and false otherwise", async () => {
    const alum = await buildAlumnus(db());
    const service = serviceAt("2027-03-01T12:00:00Z");
    const has = () => inTenant(alum.institutionId, (m) => service.hasAvailability(m, alum.membershipId));
    expect(await has()).toBe(false);
    await inTenant(alum.institutionId, (m) =>
      m.query(`INSERT INTO availability_slots (institution_id, alumnus_id, starts_at, ends_at, time_zone) VALUES ($1, $2, $3, $4, 'UTC')`, [
        alum.institutionId,
        alum.membershipId,
        at("2027-02-20T10:00:00Z"),
        at("2027-02-20T11:00:00Z"),
      ]),
    );
    expect(await has()).toBe(false);
    await service.addAvailabilitySlot(viewerOf(alum), { startsAt: at("2027-03-20T10:00:00Z"), endsAt: at("2027-03-20T11:00:00Z") });
    expect(await has()).toBe(true);

    const other = await buildAlumnus(db());
    await service.setWeeklyAvailability(viewerOf(other), { windows: [{ weekday: 1, startTime: "18:00", endTime: "19:00" }] });
    expect(await inTenant(other.institutionId, (m) => service.hasAvailability(m, other.membershipId))).toBe(true);
  });
});

describe("isPaused", () => {
  it("treats an alum without a profile as paused", async () => {
    const alum = await buildAlumnus(db());
    const service = serviceAt("2027-03-01T12:00:00Z");
    expect(await inTenant(alum.institutionId, (m) => service.isPaused(m, alum.membershipId))).toBe(false);
    await inTenant(alum.institutionId, (m) => m.query(`DELETE FROM alumni_profiles WHERE membership_id = $1`, [alum.membershipId]));
    expect(await inTenant(alum.institutionId, (m) => service.isPaused(m, alum.membershipId))).toBe(true);
  });
});
