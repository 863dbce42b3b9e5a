/**
 * The meeting as an iCalendar file (RFC 5545), the same for both participants. Times are in UTC
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
}

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

export function calendarInvite(f: InviteFacts): string {
  const { how, location } = howToMeet(f);
  const minutes = Math.round((f.endsAt.getTime() - f.startsAt.getTime()) / 60_000);
  const description = [
    "An informational interview: a short conversation for information and advice, not a job interview.",
    `${f.studentName} (student): ${localTime(f.startsAt, f.studentTimeZone)} (${f.studentTimeZone})`,
    `${f.alumnusName} (alum): ${localTime(f.startsAt, f.alumnusTimeZone)} (${f.alumnusTimeZone})`,
    `Length: ${minutes} minutes`,
    how,
    ...(f.modality === "IN_PERSON" && f.inPersonNotes ? [`Notes: ${f.inPersonNotes}`] : []),
  ].join("\n");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Infoview//Informational interviews//EN",
    "CALSCALE:GREGORIAN",
    `METHOD:${f.cancelled ? "CANCEL" : "REQUEST"}`,
    "BEGIN:VEVENT",
    `UID:${inviteUid(f.requestId)}`,
    `DTSTAMP:${icsUtc(f.stamp)}`,
    `SEQUENCE:${f.sequence}`,
    `DTSTART:${icsUtc(f.startsAt)}`,
    `DTEND:${icsUtc(f.endsAt)}`,
    `SUMMARY:${icsText(`Informational interview: ${f.studentName} and ${f.alumnusName}`)}`,
    `DESCRIPTION:${icsText(description)}`,
    ...(location ? [`LOCATION:${icsText(location)}`] : []),
    ...(f.modality === "VIDEO" && f.meetingLink ? [`URL:${f.meetingLink}`] : []),
    `ORGANIZER;CN=Infoview:${INVITE_ORGANIZER}`,
    `STATUS:${f.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
