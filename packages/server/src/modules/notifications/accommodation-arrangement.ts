import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import type { PlannedEmail } from "./notification-plan";
import { emailText } from "./templates/email-layout";
import { emailLocale, emailLocaleSql, wordsFor, type EmailLocale } from "./templates/i18n/words";

/** What `accommodation.arrange` carries: the request and whose need it is (never the needs: they are read at delivery). */
export interface ArrangementPayload {
  requestId: string;
  side: "STUDENT" | "ALUMNUS";
}

/** The needs the career center arranges (their words: the catalogs' `arrange.service`). */
const SERVICES = ["CAPTIONS", "SIGN_LANGUAGE_INTERPRETER"];

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
  const services = (f?.needs ?? []).filter((n) => SERVICES.includes(n));
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
  const staff = await sqlRows<{ id: string; name: string; email: string; locale: string }>(
    m,
    `SELECT DISTINCT ON (ms.identity_id) ms.id, idn.display_name AS name, idn.email, ${emailLocaleSql("idn", "inst")} AS locale
       FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id JOIN institutions inst ON inst.id = ms.institution_id
      WHERE ms.institution_id = $1 AND ms.role IN ('ADVISOR', 'ADMIN') AND ms.deactivated_at IS NULL
      ORDER BY ms.identity_id, ms.role DESC`,
    [institutionId],
  );
  return staff.map((person) =>
    arrangementEmail(f, services, times, { ...person, locale: emailLocale(person.locale) }, payload.requestId, publicUrl),
  );
}

/** The notice to one person of the career center, in their language; pure, so the admins' email preview shows the same words. */
export function arrangementEmail(
  f: Facts,
  services: string[],
  times: Date[],
  person: { id: string; name: string; email: string; locale: EmailLocale },
  requestId: string,
  publicUrl: string,
): PlannedEmail {
  const w = wordsFor(person.locale);
  const at = (d: Date) => w.zonedTime(d, f.time_zone);
  const what = w.list(services.map((service) => w.t("arrange.service", { service })));
  const when =
    f.state === "ACCEPTED" && f.meeting_starts_at
      ? w.t("arrange.booked", { when: at(f.meeting_starts_at) })
      : times.length > 0
        ? `${w.t("arrange.notBooked")} ${w.t("arrange.timesProposed")}\n${times.map((t) => `  - ${at(t)}`).join("\n")}`
        : w.t("arrange.notBooked");
  const modality = w.t("common.modality", { modality: f.modality });
  const detail = f.modality === "VIDEO" ? f.meeting_link : f.modality === "IN_PERSON" ? f.meeting_location : null;
  const paragraphs = [
    w.t("common.hello", { name: person.name }),
    w.t("arrange.intro", { institution: f.institution_name, what, days: f.lead_days }),
    when,
    w.t("arrange.how", { how: detail ? `${modality}, ${detail}` : modality }),
    w.t("arrange.privacy"),
    w.t("arrange.reference", { id: requestId }),
    w.t("arrange.open", { url: `${publicUrl}/advisor` }),
    w.t("common.signOff", { institution: f.institution_name }),
  ];
  return {
    side: "CAREER_CENTER",
    to: { membershipId: person.id, name: person.name, email: person.email, timeZone: f.time_zone, locale: person.locale },
    subject: w.t("arrange.subject", { what }),
    text: emailText({ paragraphs }),
    paragraphs,
    institutionName: f.institution_name,
    locale: person.locale,
    attachments: [],
  };
}

/** A made-up notice for the admins' email preview. */
export function sampleArrangementEmail(institutionName: string, publicUrl: string, now: Date, locale: EmailLocale = "en"): PlannedEmail {
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
    ["CAPTIONS"],
    [startsAt],
    { id: "sample", name: "Avery Advisor", email: "advisor@example.edu", locale },
    "00000000-0000-4000-8000-000000000000",
    publicUrl,
  );
}
