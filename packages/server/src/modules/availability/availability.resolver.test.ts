import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import {
  buildAdmin,
  buildAdvisor,
  buildAlumnus,
  buildConsent,
  buildInstitution,
  buildStudent,
  type BuiltInstitution,
  type BuiltMember,
} from "../../test/factories";
import { errorCode, startTestServer, type GraphQLResult, type TestServer } from "../../test/test-server";
import { addDays, instantAt, localDateOf, monthRange, weekdayOf, type LocalDate } from "../../shared/zoned-time";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const NEW_YORK = "America/New_York";
const MINUTE = 60_000;
const HOUR = 3600_000;
const DAY = 86_400_000;

const MY = `{ myAvailability { timeZone paused monthlyCapacity capacityLeftThisMonth
  windows { id weekday startTime endTime timeZone } slots { id startsAt endsAt timeZone localLabel } } }`;
const SET = `mutation($windows: [WindowInput!]!, $timeZone: String) {
  setWeeklyAvailability(windows: $windows, timeZone: $timeZone) { id weekday startTime endTime timeZone } }`;
const ADD = `mutation($input: AddAvailabilitySlotInput!) { addAvailabilitySlot(input: $input) { id startsAt endsAt timeZone localLabel } }`;
const REMOVE = `mutation($id: ID!) { removeAvailabilitySlot(id: $id) }`;
const OPEN = `query($alumnusId: ID!, $from: DateTimeISO!, $to: DateTimeISO!, $first: Int, $after: String) {
  openSlots(alumnusId: $alumnusId, from: $from, to: $to, first: $first, after: $after) {
    slots { startsAt endsAt timeZone localLabel } hasNextPage endCursor } }`;

interface Slot {
  startsAt: string;
  endsAt: string;
  timeZone: string;
  localLabel: string;
}

const fieldsOf = (result: GraphQLResult) =>
  ((result.errors?.[0]?.extensions?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);
const everyDay = (startTime: string, endTime: string) => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startTime, endTime }));
const later = (ms: number) => new Date(Date.now() + ms).toISOString();
const slotsOf = (result: GraphQLResult): Slot[] => {
  expect(result.errors).toBeUndefined();
  return result.data!.openSlots.slots;
};

/** An alum who accepts requests (ALUMNUS_CONTACT) and is free 09:00–`until` New York time every day. */
async function availableAlum(institution?: BuiltInstitution, until = "10:00"): Promise<BuiltMember & { token: string }> {
  const alum = await buildAlumnus(db(), { institution });
  await buildConsent(db(), alum, "ALUMNUS_CONTACT");
  const token = await server.signIn(alum);
  const set = await server.gql(SET, { windows: everyDay("09:00", until), timeZone: NEW_YORK }, token);
  expect(set.errors).toBeUndefined();
  return { ...alum, token };
}

async function studentOf(alum: BuiltMember): Promise<string> {
  return server.signIn(await buildStudent(db(), { institution: { id: alum.institutionId, slug: "", name: "" } }));
}

const sql = (member: BuiltMember, text: string, params: unknown[]) =>
  tenantTransaction(db(), { institutionId: member.institutionId }, (m) => m.query(text, params));

/** A meeting in the alum's calendar, inserted directly: the requests module is not here yet. */
async function book(alum: BuiltMember, startsAt: Date, minutes = 30, state = "ACCEPTED"): Promise<void> {
  const student = await buildStudent(db(), { institution: { id: alum.institutionId, slug: "", name: "" } });
  await sql(
    alum,
    `INSERT INTO interview_requests (institution_id, student_id, alumnus_id, state, modality, message, student_time_zone, alumnus_time_zone,
                                     expires_at, meeting_starts_at, meeting_ends_at)
     VALUES ($1, $2, $3, $4, 'VIDEO', 'Hello!', 'UTC', 'UTC', $5, $5, $6)`,
    [alum.institutionId, student.membershipId, alum.membershipId, state, startsAt, new Date(startsAt.getTime() + minutes * MINUTE)],
  );
}

const localDay = (daysAhead: number): LocalDate => addDays(localDateOf(new Date(), NEW_YORK), daysAhead);
const nyTime = (day: LocalDate, hours: number, minutes = 0) => instantAt(day, hours * 60 + minutes, NEW_YORK);

describe("setWeeklyAvailability", () => {
  const windows = [{ weekday: 2, startTime: "09:00", endTime: "12:00" }];

  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(SET, { windows }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to students, advisors and admins", async () => {
    const institution = await buildInstitution(db());
    for (const build of [buildStudent, buildAdvisor, buildAdmin]) {
      const token = await server.signIn(await build(db(), { institution }));
      expect(errorCode(await server.gql(SET, { windows }, token))).toBe("FORBIDDEN");
    }
  });

  it("keeps each institution's windows to itself", async () => {
    const theirs = await availableAlum();
    const mine = await server.signIn(await buildAlumnus(db()));
    const result = await server.gql(MY, {}, mine);
    expect(result.data!.myAvailability.windows).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(theirs.membershipId);
  });

  it("replaces all windows, in the given zone or else the alum's own", async () => {
    const token = await server.signIn(await buildAlumnus(db()));
    const first = await server.gql(
      SET,
      {
        windows: [
          { weekday: 4, startTime: "18:00", endTime: "24:00" },
          { weekday: 2, startTime: "13:00", endTime: "14:30" },
          { weekday: 2, startTime: "09:00", endTime: "13:00" },
        ],
        timeZone: "europe/london",
      },
      token,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.setWeeklyAvailability.map(({ id: _id, ...w }: { id: string }) => w)).toEqual([
      { weekday: 2, startTime: "09:00", endTime: "13:00", timeZone: "Europe/London" },
      { weekday: 2, startTime: "13:00", endTime: "14:30", timeZone: "Europe/London" },
      { weekday: 4, startTime: "18:00", endTime: "24:00", timeZone: "Europe/London" },
    ]);
    const second = await server.gql(SET, { windows: [{ weekday: 0, startTime: "10:00", endTime: "11:00" }] }, token);
    expect(second.data!.setWeeklyAvailability).toEqual([expect.objectContaining({ weekday: 0, timeZone: NEW_YORK })]);
    expect((await server.gql(MY, {}, token)).data!.myAvailability.windows).toHaveLength(1);
    expect((await server.gql(SET, { windows: [] }, token)).data!.setWeeklyAvailability).toEqual([]);
  });

  it.each([
    ["windows.0.startTime", [{ weekday: 1, startTime: "9:00", endTime: "10:00" }], undefined],
    ["windows.0.startTime", [{ weekday: 1, startTime: "24:00", endTime: "24:00" }], undefined],
    ["windows.0.endTime", [{ weekday: 1, startTime: "09:00", endTime: "24:30" }], undefined],
    ["windows.0.endTime", [{ weekday: 1, startTime: "10:00", endTime: "09:00" }], undefined],
    ["windows.0.endTime", [{ weekday: 1, startTime: "10:00", endTime: "10:00" }], undefined],
    ["windows.0.weekday", [{ weekday: 7, startTime: "09:00", endTime: "10:00" }], undefined],
    [
      "windows.2",
      [
        { weekday: 1, startTime: "09:00", endTime: "17:00" },
        { weekday: 1, startTime: "17:00", endTime: "18:00" },
        { weekday: 1, startTime: "12:00", endTime: "13:00" },
      ],
      undefined,
    ],
    ["timeZone", [{ weekday: 1, startTime: "09:00", endTime: "10:00" }], "Mars/Olympus_Mons"],
    ["timeZone", [{ weekday: 1, startTime: "09:00", endTime: "10:00" }], "+02:00"],
  ])("refuses bad input with BAD_USER_INPUT naming %s", async (field, windows, timeZone) => {
    const token = await server.signIn(await buildAlumnus(db()));
    const result = await server.gql(SET, { windows, timeZone }, token);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(result)).toEqual([field]);
    expect((await server.gql(MY, {}, token)).data!.myAvailability.windows).toEqual([]);
  });
});

describe("addAvailabilitySlot and removeAvailabilitySlot", () => {
  const input = () => ({ startsAt: later(5 * DAY), endsAt: later(5 * DAY + 90 * MINUTE) });

  it("are refused without signing in", async () => {
    expect(errorCode(await server.gql(ADD, { input: input() }))).toBe("UNAUTHENTICATED");
    expect(errorCode(await server.gql(REMOVE, { id: "00000000-0000-4000-8000-000000000000" }))).toBe("UNAUTHENTICATED");
  });

  it("are refused to students", async () => {
    const token = await server.signIn(await buildStudent(db()));
    expect(errorCode(await server.gql(ADD, { input: input() }, token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(REMOVE, { id: "00000000-0000-4000-8000-000000000000" }, token))).toBe("FORBIDDEN");
  });

  it("do not let an alum of another institution remove someone's slot", async () => {
    const owner = await server.signIn(await buildAlumnus(db()));
    const added = await server.gql(ADD, { input: input() }, owner);
    const id = added.data!.addAvailabilitySlot.id;
    const stranger = await server.signIn(await buildAlumnus(db()));
    expect(errorCode(await server.gql(REMOVE, { id }, stranger))).toBe("NOT_FOUND");
    expect((await server.gql(MY, {}, stranger)).data!.myAvailability.slots).toEqual([]);
    expect((await server.gql(MY, {}, owner)).data!.myAvailability.slots).toEqual([expect.objectContaining({ id })]);
  });

  it("add a one-off slot shown with its zone, list it, and remove it", async () => {
    const token = await server.signIn(await buildAlumnus(db()));
    const day = localDay(6);
    const added = await server.gql(
      ADD,
      { input: { startsAt: nyTime(day, 14).toISOString(), endsAt: nyTime(day, 15, 30).toISOString() } },
      token,
    );
    expect(added.errors).toBeUndefined();
    expect(added.data!.addAvailabilitySlot).toMatchObject({
      timeZone: NEW_YORK,
      localLabel: expect.stringMatching(/^\w{3} \d{1,2} \w{3}, 14:00–15:30 E[SD]T$/),
    });
    const id = added.data!.addAvailabilitySlot.id;
    expect((await server.gql(MY, {}, token)).data!.myAvailability.slots).toEqual([added.data!.addAvailabilitySlot]);
    expect((await server.gql(REMOVE, { id }, token)).data).toEqual({ removeAvailabilitySlot: true });
    expect((await server.gql(MY, {}, token)).data!.myAvailability.slots).toEqual([]);
    expect(errorCode(await server.gql(REMOVE, { id }, token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(REMOVE, { id: "not-a-uuid" }, token))).toBe("BAD_USER_INPUT");
  });

  it.each([
    ["startsAt", () => ({ startsAt: later(-HOUR), endsAt: later(HOUR) })],
    ["endsAt", () => ({ startsAt: later(DAY), endsAt: later(DAY + 9 * HOUR) })],
    ["endsAt", () => ({ startsAt: later(DAY), endsAt: later(DAY - HOUR) })],
    ["endsAt", () => ({ startsAt: later(DAY), endsAt: later(DAY + 20 * MINUTE) })],
    ["timeZone", () => ({ startsAt: later(DAY), endsAt: later(DAY + HOUR), timeZone: "Nowhere/Special" })],
  ])("refuses bad input with BAD_USER_INPUT naming %s", async (field, make) => {
    const token = await server.signIn(await buildAlumnus(db()));
    const result = await server.gql(ADD, { input: make() }, token);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(result)).toEqual([field]);
  });

  it("refuses a malformed date before the resolver runs, naming the variable's field", async () => {
    const token = await server.signIn(await buildAlumnus(db()));
    const result = await server.gql(ADD, { input: { startsAt: "next tuesday", endsAt: later(DAY) } }, token);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors![0].message).toContain("input.startsAt");
  });

  it("refuses a one-off slot overlapping another one, naming startsAt", async () => {
    const token = await server.signIn(await buildAlumnus(db()));
    expect(
      (await server.gql(ADD, { input: { startsAt: later(2 * DAY), endsAt: later(2 * DAY + 2 * HOUR) } }, token)).errors,
    ).toBeUndefined();
    const result = await server.gql(ADD, { input: { startsAt: later(2 * DAY + HOUR), endsAt: later(2 * DAY + 3 * HOUR) } }, token);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(result)).toEqual(["startsAt"]);
    const touching = await server.gql(ADD, { input: { startsAt: later(2 * DAY + 2 * HOUR), endsAt: later(2 * DAY + 3 * HOUR) } }, token);
    expect(touching.errors).toBeUndefined();
  });
});

describe("myAvailability", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(MY))).toBe("UNAUTHENTICATED");
  });

  it("is refused to students", async () => {
    expect(errorCode(await server.gql(MY, {}, await server.signIn(await buildStudent(db()))))).toBe("FORBIDDEN");
  });

  it("shows the pause switch, capacity and what is left of it this month", async () => {
    const alum = await availableAlum();
    await sql(alum, `UPDATE alumni_profiles SET monthly_capacity = 3 WHERE membership_id = $1`, [alum.membershipId]);
    await book(alum, new Date(monthRange(new Date(), NEW_YORK).start.getTime() + MINUTE), 30, "COMPLETED");
    const result = await server.gql(MY, {}, alum.token);
    expect(result.data!.myAvailability).toMatchObject({ timeZone: NEW_YORK, paused: false, monthlyCapacity: 3, capacityLeftThisMonth: 2 });
    expect(result.data!.myAvailability.windows).toHaveLength(7);
  });
});

describe("openSlots", () => {
  const range = (fromDays: number, toDays: number) => ({ from: later(fromDays * DAY), to: later(toDays * DAY) });

  it("is refused without signing in", async () => {
    const alum = await availableAlum();
    expect(errorCode(await server.gql(OPEN, { alumnusId: alum.membershipId, ...range(0, 7) }))).toBe("UNAUTHENTICATED");
  });

  it("is open to every member of the alum's institution", async () => {
    const alum = await availableAlum();
    const institution = { id: alum.institutionId, slug: "", name: "" };
    const expected = slotsOf(await server.gql(OPEN, { alumnusId: alum.membershipId, ...range(0, 7) }, alum.token));
    expect(expected.length).toBeGreaterThan(0);
    for (const build of [buildStudent, buildAdvisor, buildAdmin]) {
      const token = await server.signIn(await build(db(), { institution }));
      expect(slotsOf(await server.gql(OPEN, { alumnusId: alum.membershipId, ...range(0, 7) }, token))).toEqual(expected);
    }
  });

  it("answers NOT_FOUND for an alum of another institution, never their slots", async () => {
    const theirs = await availableAlum();
    const student = await buildStudent(db());
    const token = await server.signIn(student);
    const result = await server.gql(OPEN, { alumnusId: theirs.membershipId, ...range(0, 7) }, token);
    expect(errorCode(result)).toBe("NOT_FOUND");
    expect(result.data).toBeNull();
    // Same answer for an id that is no alum at all.
    expect(errorCode(await server.gql(OPEN, { alumnusId: student.membershipId, ...range(0, 7) }, token))).toBe("NOT_FOUND");
  });

  it("lists meeting-length slots in the alum's zone, labelled with it, from 12 hours ahead", async () => {
    const alum = await availableAlum();
    const requested = Date.now();
    const result = await server.gql(OPEN, { alumnusId: alum.membershipId, ...range(0, 8) }, await studentOf(alum));
    const slots = slotsOf(result);
    expect(slots.length).toBeGreaterThanOrEqual(14);
    for (const slot of slots) {
      expect(new Date(slot.endsAt).getTime() - new Date(slot.startsAt).getTime()).toBe(30 * MINUTE);
      expect(new Date(slot.startsAt).getTime()).toBeGreaterThanOrEqual(requested + 12 * HOUR - MINUTE);
      expect(slot.timeZone).toBe(NEW_YORK);
      expect(slot.localLabel).toMatch(/^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d{1,2} \w{3}, (09:00–09:30|09:30–10:00) E[SD]T$/);
    }
    expect(result.data!.openSlots.hasNextPage).toBe(false);
  });

  it("never offers the next 12 hours, the notice period", async () => {
    const alum = await buildAlumnus(db());
    await buildConsent(db(), alum, "ALUMNUS_CONTACT");
    const token = await server.signIn(alum);
    for (const [start, end] of [
      [HOUR, 3 * HOUR],
      [12 * HOUR + 10 * MINUTE, 13 * HOUR + 10 * MINUTE],
    ]) {
      expect((await server.gql(ADD, { input: { startsAt: later(start), endsAt: later(end) } }, token)).errors).toBeUndefined();
    }
    const slots = slotsOf(await server.gql(OPEN, { alumnusId: alum.membershipId, ...range(0, 1) }, await studentOf(alum)));
    expect(slots).toHaveLength(2);
    expect(slots.every((s) => new Date(s.startsAt).getTime() > Date.now() + 11 * HOUR)).toBe(true);
  });

  it("uses the institution's meeting length", async () => {
    const alum = await availableAlum(undefined, "11:00");
    await sql(alum, `UPDATE institutions SET meeting_minutes = 45 WHERE id = $1`, [alum.institutionId]);
    const slots = slotsOf(await server.gql(OPEN, { alumnusId: alum.membershipId, ...range(1, 3) }, await studentOf(alum)));
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => new Date(s.endsAt).getTime() - new Date(s.startsAt).getTime() === 45 * MINUTE)).toBe(true);
    expect(slots.every((s) => /09:00–09:45|09:45–10:30/.test(s.localLabel))).toBe(true);
  });

  it("adds one-off slots, shown in the zone they were given in", async () => {
    const alum = await buildAlumnus(db());
    await buildConsent(db(), alum, "ALUMNUS_CONTACT");
    const startsAt = instantAt(addDays(localDateOf(new Date(), "Asia/Kolkata"), 4), 9 * 60, "Asia/Kolkata");
    const token = await server.signIn(alum);
    await server.gql(
      ADD,
      { input: { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + HOUR).toISOString(), timeZone: "Asia/Kolkata" } },
      token,
    );
    const slots = slotsOf(await server.gql(OPEN, { alumnusId: alum.membershipId, ...range(0, 7) }, await studentOf(alum)));
    expect(slots.map((s) => s.localLabel)).toEqual([
      expect.stringMatching(/, 09:00–09:30 GMT\+5:30$/),
      expect.stringMatching(/, 09:30–10:00 GMT\+5:30$/),
    ]);
    expect(slots[0]).toMatchObject({ startsAt: startsAt.toISOString(), timeZone: "Asia/Kolkata" });
  });

  it("is empty while the alum does not accept requests (no ALUMNUS_CONTACT consent)", async () => {
    const alum = await buildAlumnus(db());
    const token = await server.signIn(alum);
    await server.gql(SET, { windows: everyDay("09:00", "10:00") }, token);
    expect(slotsOf(await server.gql(OPEN, { alumnusId: alum.membershipId, ...range(0, 7) }, await studentOf(alum)))).toEqual([]);
  });

  it("is empty while the alum is paused", async () => {
    const alum = await availableAlum();
    await sql(alum, `UPDATE alumni_profiles SET paused = true WHERE membership_id = $1`, [alum.membershipId]);
    expect(slotsOf(await server.gql(OPEN, { alumnusId: alum.membershipId, ...range(0, 7) }, await studentOf(alum)))).toEqual([]);
  });

  it("offers nothing in a month whose capacity is used, but keeps offering the next month", async () => {
    const alum = await availableAlum();
    await sql(alum, `UPDATE alumni_profiles SET monthly_capacity = 1 WHERE membership_id = $1`, [alum.membershipId]);
    const next = monthRange(monthRange(new Date(), NEW_YORK).end, NEW_YORK);
    const around = { from: new Date(next.end.getTime() - 6 * DAY).toISOString(), to: new Date(next.end.getTime() + 6 * DAY).toISOString() };
    const token = await studentOf(alum);
    const before = slotsOf(await server.gql(OPEN, { alumnusId: alum.membershipId, ...around }, token));
    expect(before.filter((s) => new Date(s.startsAt) < next.end)).toHaveLength(12);

    await book(alum, new Date(next.start.getTime() + 10 * DAY));
    const after = slotsOf(await server.gql(OPEN, { alumnusId: alum.membershipId, ...around }, token));
    expect(after.filter((s) => new Date(s.startsAt) < next.end)).toEqual([]);
    expect(after).toEqual(before.filter((s) => new Date(s.startsAt) >= next.end));
    expect(after).toHaveLength(12);
  });

  it("leaves out slots overlapping a booked meeting", async () => {
    const alum = await availableAlum(undefined, "11:00");
    const day = localDay(3);
    await book(alum, nyTime(day, 9, 45));
    const slots = slotsOf(
      await server.gql(
        OPEN,
        { alumnusId: alum.membershipId, from: nyTime(day, 0).toISOString(), to: nyTime(addDays(day, 1), 0).toISOString() },
        await studentOf(alum),
      ),
    );
    expect(slots.map((s) => s.startsAt)).toEqual([nyTime(day, 9).toISOString(), nyTime(day, 10, 30).toISOString()]);
  });

  describe("across a daylight-saving change", () => {
    /** The next spring-forward date (as a local date) that is far enough ahead to be bookable. */
    function nextSpringForward(zone: string, dayOfMarch: (year: number) => number): LocalDate {
      for (let year = new Date().getUTCFullYear(); ; year++) {
        const change = { year, month: 3, day: dayOfMarch(year) };
        if (instantAt(addDays(change, -3), 0, zone).getTime() > Date.now() + DAY) return change;
      }
    }
    const sundays = (year: number) => [...Array(31).keys()].map((i) => i + 1).filter((day) => weekdayOf({ year, month: 3, day }) === 0);

    it.each([
      [NEW_YORK, (year: number) => sundays(year)[1], 14, /EST$/, /EDT$/],
      ["Europe/London", (year: number) => sundays(year).at(-1)!, 9, /GMT$/, /BST$/],
    ])(
      "keeps 09:00 %s time at 09:00 local, an hour earlier in UTC after the change",
      async (zone, dayOfMarch, utcHourBefore, before, after) => {
        const alum = await buildAlumnus(db());
        await buildConsent(db(), alum, "ALUMNUS_CONTACT");
        await server.gql(SET, { windows: everyDay("09:00", "09:30"), timeZone: zone }, await server.signIn(alum));
        const change = nextSpringForward(zone, dayOfMarch);
        const from = instantAt(addDays(change, -3), 0, zone);
        const to = instantAt(addDays(change, 3), 0, zone);
        const slots = slotsOf(
          await server.gql(OPEN, { alumnusId: alum.membershipId, from: from.toISOString(), to: to.toISOString() }, await studentOf(alum)),
        );
        expect(slots).toHaveLength(6);
        const changeStart = instantAt(change, 0, zone);
        for (const slot of slots) {
          const startsAt = new Date(slot.startsAt);
          const isBefore = startsAt < changeStart;
          expect(startsAt.getUTCHours()).toBe(isBefore ? utcHourBefore : utcHourBefore - 1);
          expect(startsAt.getUTCMinutes()).toBe(0);
          expect(slot.localLabel).toMatch(/, 09:00–09:30 [A-Z]{3}$/);
          expect(slot.localLabel).toMatch(isBefore ? before : after);
        }
      },
    );
  });

  it("pages through at most 200 slots at a time", async () => {
    const alum = await availableAlum(undefined, "12:00");
    const token = await studentOf(alum);
    const all = slotsOf(await server.gql(OPEN, { alumnusId: alum.membershipId, ...range(1, 4) }, token));
    expect(all.length).toBeGreaterThanOrEqual(12);
    const pages: Slot[] = [];
    let after: string | null = null;
    for (;;) {
      const page: GraphQLResult = await server.gql(OPEN, { alumnusId: alum.membershipId, ...range(1, 4), first: 5, after }, token);
      pages.push(...slotsOf(page));
      if (!page.data!.openSlots.hasNextPage) break;
      after = page.data!.openSlots.endCursor;
    }
    expect(pages.map((s) => s.startsAt)).toEqual(all.map((s) => s.startsAt));
  });

  it.each([
    ["to", () => ({ from: later(DAY), to: later(33 * DAY) })],
    ["to", () => ({ from: later(2 * DAY), to: later(DAY) })],
    ["first", () => ({ ...{ from: later(DAY), to: later(2 * DAY) }, first: 201 })],
    ["first", () => ({ ...{ from: later(DAY), to: later(2 * DAY) }, first: 0 })],
    ["after", () => ({ ...{ from: later(DAY), to: later(2 * DAY) }, after: "bm90IGEgY3Vyc29y" })],
    ["alumnusId", () => ({ ...{ from: later(DAY), to: later(2 * DAY) }, alumnusId: "not-an-id" })],
  ])("refuses bad input with BAD_USER_INPUT naming %s", async (field, make) => {
    const alum = await availableAlum();
    const result = await server.gql(OPEN, { alumnusId: alum.membershipId, ...make() }, await studentOf(alum));
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(fieldsOf(result)).toEqual([field]);
  });
});
