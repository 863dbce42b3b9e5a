import { calendarFeed, calendarInvite, foldLine, icsText, type InviteFacts } from "./calendar-invite";

const facts = (overrides: Partial<InviteFacts> = {}): InviteFacts => ({
  requestId: "0b8e5a36-7d7f-4b53-9a55-1f1c1f0f6d11",
  sequence: 0,
  cancelled: false,
  startsAt: new Date("2026-03-03T15:00:00Z"),
  endsAt: new Date("2026-03-03T15:30:00Z"),
  stamp: new Date("2026-02-20T09:08:07.123Z"),
  studentName: "Ada Student",
  alumnusName: "Grace Alum",
  studentTimeZone: "America/New_York",
  alumnusTimeZone: "America/Chicago",
  modality: "VIDEO",
  meetingLink: "https://meet.example/abc",
  meetingPhone: null,
  meetingLocation: null,
  inPersonNotes: null,
  ...overrides,
});

/** Content lines with folding undone, as a calendar reads them. */
const unfolded = (ics: string) => ics.replace(/\r\n /g, "").split("\r\n");
const value = (ics: string, name: string) => unfolded(ics).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

describe("the calendar invite", () => {
  it("is a VCALENDAR with one VEVENT in UTC, CRLF line ends and a stable UID", () => {
    const ics = calendarInvite(facts());
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/\n/);
    expect(value(ics, "METHOD")).toBe("METHOD:REQUEST");
    expect(value(ics, "DTSTART")).toBe("DTSTART:20260303T150000Z");
    expect(value(ics, "DTEND")).toBe("DTEND:20260303T153000Z");
    expect(value(ics, "DTSTAMP")).toBe("DTSTAMP:20260220T090807Z");
    expect(value(ics, "UID")).toBe("UID:0b8e5a36-7d7f-4b53-9a55-1f1c1f0f6d11@infoview");
    expect(value(ics, "SEQUENCE")).toBe("SEQUENCE:0");
    expect(value(ics, "STATUS")).toBe("STATUS:CONFIRMED");
    expect(value(ics, "URL")).toBe("URL:https://meet.example/abc");
  });

  it("spells out the time in both people's zones", () => {
    const description = value(calendarInvite(facts()), "DESCRIPTION")!;
    expect(description).toContain("10:00 AM EST (America/New_York)");
    expect(description).toContain("9:00 AM CST (America/Chicago)");
    expect(description).toContain("Length: 30 minutes");
  });

  it("keeps the UID and raises SEQUENCE on a reschedule, and becomes METHOD:CANCEL when cancelled", () => {
    const first = calendarInvite(facts());
    const moved = calendarInvite(
      facts({ sequence: 1, startsAt: new Date("2026-03-04T15:00:00Z"), endsAt: new Date("2026-03-04T15:30:00Z") }),
    );
    const cancelled = calendarInvite(facts({ sequence: 2, cancelled: true }));
    expect(value(moved, "UID")).toBe(value(first, "UID"));
    expect(value(moved, "SEQUENCE")).toBe("SEQUENCE:1");
    expect(value(moved, "DTSTART")).toBe("DTSTART:20260304T150000Z");
    expect(value(cancelled, "UID")).toBe(value(first, "UID"));
    expect(value(cancelled, "METHOD")).toBe("METHOD:CANCEL");
    expect(value(cancelled, "STATUS")).toBe("STATUS:CANCELLED");
    expect(value(cancelled, "SEQUENCE")).toBe("SEQUENCE:2");
  });

  it("gives the place and in-person notes for a meeting in person, and the number for a call", () => {
    const inPerson = calendarInvite(
      facts({
        modality: "IN_PERSON",
        meetingLink: null,
        meetingLocation: "12 Main St, Room 4",
        inPersonNotes: "Visitor parking; business casual",
      }),
    );
    expect(value(inPerson, "LOCATION")).toBe("LOCATION:12 Main St\\, Room 4");
    expect(value(inPerson, "DESCRIPTION")).toContain("Notes: Visitor parking\\; business casual");
    const phone = calendarInvite(facts({ modality: "PHONE", meetingLink: null, meetingPhone: "+1 555 0100" }));
    expect(value(phone, "LOCATION")).toBe("LOCATION:Phone: +1 555 0100");
    expect(value(phone, "URL")).toBeUndefined();
  });

  it("escapes text and folds long lines at 75 octets without splitting a character", () => {
    expect(icsText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
    const long = `DESCRIPTION:${"é".repeat(100)}`;
    const folded = foldLine(long);
    for (const line of folded.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
  });

  it("is an iTIP invitation by email (ORGANIZER and both ATTENDEEs) and a plain PUBLISH for the download and the feed", () => {
    const withEmails = facts({ studentEmail: "ada@example.edu", alumnusEmail: "grace@example.com" });
    const request = unfolded(calendarInvite(withEmails));
    expect(request).toContain("METHOD:REQUEST");
    expect(request).toContain("ORGANIZER;CN=Infoview:mailto:no-reply@infoview.local");
    expect(request).toContain('ATTENDEE;CN="Ada Student";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:ada@example.edu');
    expect(request).toContain('ATTENDEE;CN="Grace Alum";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:grace@example.com');
    const cancel = unfolded(calendarInvite({ ...withEmails, cancelled: true, sequence: 3 }));
    expect(cancel).toEqual(expect.arrayContaining(["METHOD:CANCEL", "STATUS:CANCELLED", "SEQUENCE:3"]));
    expect(cancel.filter((l) => l.startsWith("ATTENDEE"))).toHaveLength(2);
    const publish = calendarInvite(withEmails, "PUBLISH");
    expect(value(publish, "METHOD")).toBe("METHOD:PUBLISH");
    expect(publish).not.toContain("ATTENDEE");
    const feed = calendarFeed("Infoview: Ada", [withEmails, facts({ requestId: "1b8e5a36-7d7f-4b53-9a55-1f1c1f0f6d11", cancelled: true })]);
    expect(unfolded(feed).filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
    expect(unfolded(feed).filter((l) => l.startsWith("STATUS:"))).toEqual(["STATUS:CONFIRMED", "STATUS:CANCELLED"]);
    expect(value(feed, "METHOD")).toBe("METHOD:PUBLISH");
    expect(feed).not.toContain("ATTENDEE");
  });
});
