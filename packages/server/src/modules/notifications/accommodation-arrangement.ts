import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { localTime } from "../../shared/calendar-invite";
import type { PlannedEmail } from "./notification-plan";
import { emailText } from "./templates/email-layout";

/** What `accommodation.arrange` carries: the request and whose need it is (never the needs: they are read at delivery). */
export interface ArrangementPayload {
  requestId: string;
  side: "STUDENT" | "ALUMNUS";
}

const SERVICE_WORDS: Record<string, string> = {
  CAPTIONS: "live captions (a captioner)",
  SIGN_LANGUAGE_INTERPRETER: "a sign-language interpreter",
};

const MODALITY_WORDS: Record<string, string> = { VIDEO: "video call", PHONE: "phone call", IN_PERSON: "meeting in person" };

interface Facts {
  institution_name: string;
  time_zone: string;
  lead_days: number;
  state: string;
  modality: string;
  meeting_starts_at: Date | null;
  meeting_link: string | null;
  meeting_location: string | null;
  needs: string[] | null;
}

/**
 * The career center's notice (ADR 0031): an interpreter or captioner was asked for a conversation sooner than the
 * institution's lead time. Sent to every active advisor and admin of the institution, once per person. It names the
 * service and the meeting (when, how) so it can be booked — not who asked, not their other needs, never why.
 * Nothing is sent once the need was withdrawn or the request closed.
 */
export async function planArrangement(
  m: EntityManager,
  institutionId: string,
  payload: ArrangementPayload,
  publicUrl: string,
): Promise<PlannedEmail[]> {
  const [f] = await sqlRows<Facts>(
    m,
    `SELECT i.name AS institution_name, i.time_zone, i.accommodation_lead_days AS lead_days, r.state, r.modality,
            r.meeting_starts_at, r.meeting_link, r.meeting_location,
            (SELECT a.needs FROM request_accommodations a WHERE a.institution_id = r.institution_id AND a.request_id = r.id AND a.side = $3) AS needs
       FROM interview_requests r JOIN institutions i ON i.id = r.institution_id
      WHERE r.institution_id = $1 AND r.id = $2`,
    [institutionId, payload.requestId, payload.side],
  );
  const services = (f?.needs ?? []).filter((n) => n in SERVICE_WORDS).map((n) => SERVICE_WORDS[n]);
  if (!f || services.length === 0 || !["REQUESTED", "TIME_PROPOSED", "ACCEPTED"].includes(f.state)) return [];
  const times =
    f.state === "ACCEPTED" && f.meeting_starts_at
      ? [f.meeting_starts_at]
      : (
          await sqlRows<{ starts_at: Date }>(
            m,
            `SELECT starts_at FROM proposed_times WHERE institution_id = $1 AND request_id = $2 AND status = 'OPEN' ORDER BY starts_at`,
            [institutionId, payload.requestId],
          )
        ).map((t) => t.starts_at);
  const staff = await sqlRows<{ id: string; name: string; email: string }>(
    m,
    `SELECT DISTINCT ON (ms.identity_id) ms.id, idn.display_name AS name, idn.email
       FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id
      WHERE ms.institution_id = $1 AND ms.role IN ('ADVISOR', 'ADMIN') AND ms.deactivated_at IS NULL
      ORDER BY ms.identity_id, ms.role DESC`,
    [institutionId],
  );
  return staff.map((person) => arrangementEmail(f, services, times, person, payload.requestId, publicUrl));
}

/** The notice to one person of the career center; pure, so the admins' email preview shows the same words. */
export function arrangementEmail(
  f: Facts,
  services: string[],
  times: Date[],
  person: { id: string; name: string; email: string },
  requestId: string,
  publicUrl: string,
): PlannedEmail {
  const at = (d: Date) => `${localTime(d, f.time_zone)} (${f.time_zone})`;
  const what = services.join(" and ");
  const when =
    f.state === "ACCEPTED" && f.meeting_starts_at
      ? `The conversation is booked for ${at(f.meeting_starts_at)}.`
      : times.length > 0
        ? `The conversation is not booked yet. The times proposed:\n${times.map((t) => `  - ${at(t)}`).join("\n")}`
        : `The conversation is not booked yet.`;
  const how =
    f.modality === "VIDEO"
      ? `How they meet: ${MODALITY_WORDS.VIDEO}${f.meeting_link ? `, ${f.meeting_link}` : ""}.`
      : f.modality === "IN_PERSON"
        ? `How they meet: ${MODALITY_WORDS.IN_PERSON}${f.meeting_location ? `, ${f.meeting_location}` : ""}.`
        : `How they meet: ${MODALITY_WORDS.PHONE}.`;
  const paragraphs = [
    `Hello ${person.name},`,
    `A participant in an informational interview at ${f.institution_name} asked for ${what}. It is sooner than your lead time of ${f.lead_days} days, so it needs arranging now. They were told, and offered the later times.`,
    when,
    how,
    `Who asked, and anything else they need, is shared with the career center only when the student chooses to; they are never asked why.`,
    `Request reference: ${requestId}`,
    `Open Infoview: ${publicUrl}/advisor`,
    `— Infoview, for ${f.institution_name}`,
  ];
  return {
    side: "CAREER_CENTER",
    to: { membershipId: person.id, name: person.name, email: person.email, timeZone: f.time_zone },
    subject: `To arrange at short notice: ${what} for a conversation`,
    text: emailText({ paragraphs }),
    paragraphs,
    institutionName: f.institution_name,
    attachments: [],
  };
}

/** A made-up notice for the admins' email preview. */
export function sampleArrangementEmail(institutionName: string, publicUrl: string, now: Date): PlannedEmail {
  const startsAt = new Date(now.getTime() + 3 * 86_400_000);
  const facts: Facts = {
    institution_name: institutionName,
    time_zone: "America/New_York",
    lead_days: 10,
    state: "ACCEPTED",
    modality: "VIDEO",
    meeting_starts_at: startsAt,
    meeting_link: "https://meet.jit.si/infoview-sample",
    meeting_location: null,
    needs: ["CAPTIONS"],
  };
  return arrangementEmail(
    facts,
    [SERVICE_WORDS.CAPTIONS],
    [startsAt],
    { id: "sample", name: "Avery Advisor", email: "advisor@example.edu" },
    "00000000-0000-4000-8000-000000000000",
    publicUrl,
  );
}
