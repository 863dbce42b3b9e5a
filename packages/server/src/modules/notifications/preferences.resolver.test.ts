import { useFreshDatabase } from "../../test/database";
import { buildAdmin, buildAlumnus, buildInstitution, buildStudent } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";

const db = useFreshDatabase("notification_prefs_api", 4);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const MINE = `query { myNotificationPreferences { timeZone quietStart quietEnd digestWeekday digestHour
  preferences { kind email inApp choices canTurnOff lockedReason canWait hasInApp institutionDefault } } }`;
const UPDATE = `mutation($input: UpdateNotificationPreferencesInput!) { updateMyNotificationPreferences(input: $input) {
  timeZone quietStart quietEnd digestWeekday digestHour preferences { kind email inApp } } }`;
const DEFAULTS = `query { institutionNotificationDefaults { kind email inApp choices lockedReason } }`;
const SET_DEFAULTS = `mutation($d: [NotificationChoiceInput!]!) { updateInstitutionNotificationDefaults(defaults: $d) { kind email inApp } }`;

const byKind = (prefs: any[]): Record<string, any> => Object.fromEntries(prefs.map((p) => [p.kind, p]));

describe("notification preferences over GraphQL", () => {
  it("lists every kind with its choices, and says why the locked ones cannot be turned off", async () => {
    const institution = await buildInstitution(db());
    const alum = await buildAlumnus(db(), { institution });
    const { data, errors } = await server.gql(MINE, {}, await server.signIn(alum));
    expect(errors).toBeUndefined();
    const prefs = byKind(data!.myNotificationPreferences.preferences);
    expect(prefs.NEW_REQUEST).toEqual(
      expect.objectContaining({
        email: "IMMEDIATE",
        inApp: true,
        choices: ["IMMEDIATE", "DAILY_DIGEST", "WEEKLY_DIGEST", "OFF"],
        canTurnOff: true,
      }),
    );
    expect(prefs.MEETING_CHANGES).toEqual(expect.objectContaining({ canTurnOff: false, canWait: false, choices: ["IMMEDIATE"] }));
    expect(prefs.MEETING_CHANGES.lockedReason).toMatch(/cancelled or moved/);
    expect(prefs.SIGN_IN_LINKS.lockedReason).toMatch(/sign-in link/);
    expect(prefs.ADVISOR_LISTS.email).toBe("WEEKLY_DIGEST");
    expect(data!.myNotificationPreferences.quietStart).toBeNull();
    expect(data!.myNotificationPreferences.timeZone).toBe("America/New_York");
  });

  it("saves choices, quiet hours across midnight and digest timing; refuses locked kinds and unknown values with their codes", async () => {
    const institution = await buildInstitution(db());
    const student = await buildStudent(db(), { institution });
    const token = await server.signIn(student);
    const { data, errors } = await server.gql(
      UPDATE,
      {
        input: {
          preferences: [
            { kind: "FOLLOW_UPS", email: "DAILY_DIGEST", inApp: false },
            { kind: "ADVISOR_LISTS", email: "OFF", inApp: true },
          ],
          timeZone: "Europe/Madrid",
          quietStart: "22:30",
          quietEnd: "07:00",
          digestWeekday: 5,
          digestHour: 18,
        },
      },
      token,
    );
    expect(errors).toBeUndefined();
    const saved = data!.updateMyNotificationPreferences;
    expect(saved).toEqual(
      expect.objectContaining({ timeZone: "Europe/Madrid", quietStart: "22:30", quietEnd: "07:00", digestWeekday: 5, digestHour: 18 }),
    );
    expect(byKind(saved.preferences).FOLLOW_UPS).toEqual({ kind: "FOLLOW_UPS", email: "DAILY_DIGEST", inApp: false });
    // ADVISOR_LISTS has no in-app side: stored as false.
    expect(byKind(saved.preferences).ADVISOR_LISTS).toEqual({ kind: "ADVISOR_LISTS", email: "OFF", inApp: false });

    const locked = await server.gql(UPDATE, { input: { preferences: [{ kind: "MEETING_CHANGES", email: "OFF", inApp: true }] } }, token);
    expect(errorCode(locked)).toBe("NOTIFICATION_LOCKED");
    expect(locked.errors![0].extensions!.reason).toMatch(/cancelled or moved/);
    const unavailable = await server.gql(
      UPDATE,
      { input: { preferences: [{ kind: "REQUEST_ANSWERS", email: "WEEKLY_DIGEST", inApp: true }] } },
      token,
    );
    expect(errorCode(unavailable)).toBe("NOTIFICATION_CHOICE_INVALID");
    const bad = await server.gql(
      UPDATE,
      { input: { timeZone: "Mars/Olympus", quietStart: "25:00", quietEnd: "07:00", digestHour: 24 } },
      token,
    );
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    expect((bad.errors![0].extensions!.fields as Array<{ field: string }>).map((f: { field: string }) => f.field).sort()).toEqual([
      "digestHour",
      "quietStart",
      "timeZone",
    ]);

    const cleared = await server.gql(UPDATE, { input: { clearQuietHours: true } }, token);
    expect(cleared.data!.updateMyNotificationPreferences).toEqual(
      expect.objectContaining({ quietStart: null, quietEnd: null, timeZone: "Europe/Madrid" }),
    );
  });

  it("lets admins set the institution's defaults, which people who chose nothing get; others may not", async () => {
    const institution = await buildInstitution(db());
    const admin = await buildAdmin(db(), { institution });
    const alum = await buildAlumnus(db(), { institution });
    const adminToken = await server.signIn(admin);
    const set = await server.gql(SET_DEFAULTS, { d: [{ kind: "NEW_REQUEST", email: "DAILY_DIGEST", inApp: true }] }, adminToken);
    expect(set.errors).toBeUndefined();
    expect(byKind(set.data!.updateInstitutionNotificationDefaults).NEW_REQUEST.email).toBe("DAILY_DIGEST");
    expect(byKind((await server.gql(DEFAULTS, {}, adminToken)).data!.institutionNotificationDefaults).NEW_REQUEST.email).toBe(
      "DAILY_DIGEST",
    );

    const alumToken = await server.signIn(alum);
    const mine = byKind((await server.gql(MINE, {}, alumToken)).data!.myNotificationPreferences.preferences);
    expect(mine.NEW_REQUEST).toEqual(expect.objectContaining({ email: "DAILY_DIGEST", institutionDefault: "DAILY_DIGEST" }));
    expect(errorCode(await server.gql(DEFAULTS, {}, alumToken))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(SET_DEFAULTS, { d: [] }, alumToken))).toBe("FORBIDDEN");
    // Another institution's people keep the built-in default.
    const elsewhere = await buildAlumnus(db());
    expect(
      byKind((await server.gql(MINE, {}, await server.signIn(elsewhere))).data!.myNotificationPreferences.preferences).NEW_REQUEST.email,
    ).toBe("IMMEDIATE");
  });
});
