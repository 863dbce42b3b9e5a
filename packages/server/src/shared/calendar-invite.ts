/**
 * The meeting as iCalendar (RFC 5545), the same for both participants, in three forms: the download from the web
 * client (`METHOD:PUBLISH`), the invitation emails carry (iTIP, RFC 5546: `METHOD:REQUEST` with ORGANIZER and both
 * ATTENDEEs, `METHOD:CANCEL` when cancelled) and each person's subscribed feed (calendarFeed: every meeting, PUBLISH). Times are in UTC
 * (`DTSTART:…Z`), which every calendar shows in its own zone without VTIMEZONE blocks; the description
 * spells out the time in both people's zones. The UID is fixed per request, so an import after a
 * reschedule (SEQUENCE + 1) updates the same event, and a cancelled meeting (METHOD:CANCEL) removes it.
 */

export interface InviteFacts {
  requestId: string;
  sequence: number;
  cancelled: boolean;
  startsAt: Date;
  endsAt: Date;
  /** When this version of the invite was made (DTSTAMP). */
  stamp: Date;
  studentName: string;
  alumnusName: string;
  studentTimeZone: string;
  alumnusTimeZone: string;
  modality: "PHONE" | "VIDEO" | "IN_PERSON";
  meetingLink: string | null;
  meetingPhone: string | null;
  meetingLocation: string | null;
  inPersonNotes: string | null;
  /** Captions were asked for (accommodations): a video meeting's description says so. */
  captionsRequested?: boolean;
  /** Both people's addresses, for the ATTENDEE lines of an emailed invitation (REQUEST, CANCEL). */
  studentEmail?: string;
  alumnusEmail?: string;
  /**
   * The words of SUMMARY, DESCRIPTION and LOCATION in the reader's language, for an emailed invitation (the
   * notifications module writes them from its catalogs, ADR 0033). Without it, the English below (download, feed).
   */
  wording?: InviteWording;
}

export interface InviteWording {
  summary: string;
  description: string;
  location: string | null;
}

/** PUBLISH: a calendar file or feed to import. REQUEST / CANCEL: an invitation sent by email (iTIP). */
export type CalendarMethod = "PUBLISH" | "REQUEST" | "CANCEL";

/** The note a video meeting with captions requested carries, in the invitation email and the calendar invitation. */
export const CAPTIONS_NOTE =
  "Captions: live captions were asked for this conversation. Turn on captions in the video call, and leave room for a captioner if the career center arranges one.";

export const INVITE_ORGANIZER = "mailto:no-reply@infoview.local";
export const inviteUid = (requestId: string): string => `${requestId}@infoview`;

/** 20260303T150000Z */
export function icsUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

/** TEXT value escaping: backslash, semicolon, comma and line breaks. */
export function icsText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds a content line at 75 octets, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    // Continuation lines start with a space, which counts toward their 75.
    if (bytes + size > 75) {
      out.push(current);
      current = " ";
      bytes = 1;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join("\r\n");
}

export function localTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(date);
}

function howToMeet(f: InviteFacts): { how: string; location: string | null } {
  if (f.modality === "VIDEO")
    return {
      how: `Video: ${f.meetingLink ?? "link to follow"}`,
      location: f.meetingLink,
    };
  if (f.modality === "PHONE")
    return {
      how: `Phone: ${f.meetingPhone ?? "number to follow"}`,
      location: f.meetingPhone ? `Phone: ${f.meetingPhone}` : null,
    };
  return {
    how: `In person: ${f.meetingLocation ?? "place to follow"}`,
    location: f.meetingLocation,
  };
}

function englishWording(f: InviteFacts): InviteWording {
  const { how, location } = howToMeet(f);
  const minutes = Math.round((f.endsAt.getTime() - f.startsAt.getTime()) / 60_000);
  const description = [
    "An informational interview: a short conversation for information and advice, not a job interview.",
    `${f.studentName} (student): ${localTime(f.startsAt, f.studentTimeZone)} (${f.studentTimeZone})`,
    `${f.alumnusName} (alum): ${localTime(f.startsAt, f.alumnusTimeZone)} (${f.alumnusTimeZone})`,
    `Length: ${minutes} minutes`,
    how,
    ...(f.modality === "IN_PERSON" && f.inPersonNotes ? [`Notes: ${f.inPersonNotes}`] : []),
    ...(f.modality === "VIDEO" && f.captionsRequested ? [CAPTIONS_NOTE] : []),
  ].join("\n");
  return { summary: `Informational interview: ${f.studentName} and ${f.alumnusName}`, description, location };
}

/** The meeting's VEVENT: UID fixed per request, SEQUENCE from the request, STATUS:CANCELLED once cancelled. */
export function calendarEvent(f: InviteFacts, withAttendees: boolean): string[] {
  const { summary, description, location } = f.wording ?? englishWording(f);
  const attendee = (name: string, email: string | undefined) =>
    email ? [`ATTENDEE;CN=${icsParam(name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${email}`] : [];
  return [
    "BEGIN:VEVENT",
    `UID:${inviteUid(f.requestId)}`,
    `DTSTAMP:${icsUtc(f.stamp)}`,
    `SEQUENCE:${f.sequence}`,
    `DTSTART:${icsUtc(f.startsAt)}`,
    `DTEND:${icsUtc(f.endsAt)}`,
    `SUMMARY:${icsText(summary)}`,
    `DESCRIPTION:${icsText(description)}`,
    ...(location ? [`LOCATION:${icsText(location)}`] : []),
    ...(f.modality === "VIDEO" && f.meetingLink ? [`URL:${f.meetingLink}`] : []),
    `ORGANIZER;CN=Infoview:${INVITE_ORGANIZER}`,
    ...(withAttendees ? [...attendee(f.studentName, f.studentEmail), ...attendee(f.alumnusName, f.alumnusEmail)] : []),
    `STATUS:${f.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    `TRANSP:${f.cancelled ? "TRANSPARENT" : "OPAQUE"}`,
    "END:VEVENT",
  ];
}

function calendar(method: CalendarMethod, body: string[], extra: string[] = []): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Infoview//Informational interviews//EN",
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    ...extra,
    ...body,
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/**
 * One meeting as a calendar object. By default what an emailed invitation carries: METHOD:REQUEST (ORGANIZER and the
 * two ATTENDEEs when their addresses are given), METHOD:CANCEL once cancelled. PUBLISH is the web client's download.
 */
export function calendarInvite(f: InviteFacts, method: CalendarMethod = f.cancelled ? "CANCEL" : "REQUEST"): string {
  return calendar(method, calendarEvent(f, method !== "PUBLISH"));
}

/**
 * A person's subscribed feed (GET /calendar/<secret>.ics): every meeting of theirs, cancelled ones kept as
 * STATUS:CANCELLED so subscribed calendars drop them, each with its stable UID and SEQUENCE. Calendars poll it.
 */
export function calendarFeed(name: string, events: InviteFacts[]): string {
  return calendar(
    "PUBLISH",
    events.flatMap((e) => calendarEvent(e, false)),
    [`X-WR-CALNAME:${icsText(name)}`, "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H"],
  );
}

/** A parameter value (CN=…): quoted, with the characters a quoted value cannot hold removed. */
function icsParam(value: string): string {
  return `"${value.replace(/["\r\n]/g, "")}"`;
}
