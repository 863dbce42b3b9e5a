import type { DataSource, EntityManager } from "typeorm";
import { systemTransaction, tenantTransaction } from "../db/tenant-transaction";

type State = "REQUESTED" | "ACCEPTED" | "DECLINED" | "EXPIRED" | "WITHDRAWN" | "COMPLETED" | "CANCELLED" | "NO_SHOW";

interface DemoRequest {
  student: number;
  alum: number;
  state: State;
  /** Days from now: when it was sent, and (if booked) when the meeting starts. */
  sentDays: number;
  meetingDays?: number;
  modality?: "PHONE" | "VIDEO" | "IN_PERSON";
}

/** One of each state, so every screen and report has something real to show. */
const DEMO_REQUESTS: DemoRequest[] = [
  { student: 0, alum: 0, state: "REQUESTED", sentDays: -1 },
  { student: 1, alum: 1, state: "REQUESTED", sentDays: -0.1 },
  { student: 0, alum: 2, state: "ACCEPTED", sentDays: -3, meetingDays: 5 },
  { student: 2, alum: 0, state: "ACCEPTED", sentDays: -2, meetingDays: 2, modality: "IN_PERSON" },
  { student: 3, alum: 1, state: "DECLINED", sentDays: -6 },
  { student: 4, alum: 3, state: "EXPIRED", sentDays: -12 },
  { student: 5, alum: 4, state: "WITHDRAWN", sentDays: -4 },
  { student: 0, alum: 5, state: "COMPLETED", sentDays: -20, meetingDays: -12, modality: "PHONE" },
  { student: 1, alum: 6, state: "COMPLETED", sentDays: -8, meetingDays: -1 },
  { student: 2, alum: 7, state: "CANCELLED", sentDays: -5, meetingDays: 3 },
  { student: 3, alum: 2, state: "NO_SHOW", sentDays: -9, meetingDays: -4 },
];

const PATH: Record<State, State[]> = {
  REQUESTED: [],
  ACCEPTED: ["ACCEPTED"],
  DECLINED: ["DECLINED"],
  EXPIRED: ["EXPIRED"],
  WITHDRAWN: ["WITHDRAWN"],
  COMPLETED: ["ACCEPTED", "COMPLETED"],
  CANCELLED: ["ACCEPTED", "CANCELLED"],
  NO_SHOW: ["ACCEPTED", "NO_SHOW"],
};

const day = 86_400_000;
/** Whole hours at 15:00 UTC, so demo meetings fall in working hours across the US. */
const at = (days: number) => {
  const d = new Date(Date.now() + days * day);
  d.setUTCHours(15 + (Math.round(days * 7) % 3), 0, 0, 0);
  return d;
};

interface Person {
  id: string;
  name: string;
  timeZone: string;
  field?: string;
}

async function people(m: EntityManager, institutionId: string) {
  const students: Person[] = await m.query(
    `SELECT ms.id, i.display_name AS name, inst.time_zone AS "timeZone"
       FROM memberships ms JOIN identities i ON i.id = ms.identity_id JOIN institutions inst ON inst.id = ms.institution_id
      WHERE ms.institution_id = $1 AND ms.role = 'STUDENT'
        AND EXISTS (SELECT 1 FROM consents c WHERE c.membership_id = ms.id AND c.kind = 'STUDENT_SHARE_WITH_ALUMNI' AND c.withdrawn_at IS NULL)
      ORDER BY (substring(i.email from '[0-9]+'))::int NULLS LAST, i.email`,
    [institutionId],
  );
  const alumni: Person[] = await m.query(
    `SELECT ms.id, i.display_name AS name, ap.time_zone AS "timeZone", ap.fields[1] AS field
       FROM memberships ms JOIN identities i ON i.id = ms.identity_id JOIN alumni_profiles ap ON ap.membership_id = ms.id
      WHERE ms.institution_id = $1 AND ms.role = 'ALUMNUS' AND NOT ap.paused
        AND EXISTS (SELECT 1 FROM consents c WHERE c.membership_id = ms.id AND c.kind = 'ALUMNUS_CONTACT' AND c.withdrawn_at IS NULL)
      ORDER BY (substring(i.email from '[0-9]+'))::int NULLS LAST, i.email`,
    [institutionId],
  );
  return { students, alumni };
}

function message(student: Person, alum: Person): string {
  const first = alum.name.split(" ")[0];
  return [
    `Dear ${first},`,
    ``,
    `My name is ${student.name}, and I am a student exploring ${alum.field ? alum.field.replace(/-/g, " ") : "your field"}.`,
    `I found your profile in our alumni directory and would love to learn how you got into your work and what a typical week looks like.`,
    `Would you have 20–30 minutes for a short conversation? I am looking for information and advice only.`,
    ``,
    `Thank you for considering it,`,
    student.name,
  ].join("\n");
}

/**
 * Interview requests in every state for one demo institution, with their event history,
 * proposed times, questions, notes, a referral and follow-ups — written as the services would.
 */
async function seedInstitutionRequests(m: EntityManager, institutionId: string): Promise<number> {
  const { students, alumni } = await people(m, institutionId);
  if (students.length < 6 || alumni.length < 8) return 0;
  let count = 0;
  for (const r of DEMO_REQUESTS) {
    const student = students[r.student];
    const alum = alumni[r.alum];
    const sent = at(r.sentDays);
    const meetingStart = r.meetingDays === undefined ? null : at(r.meetingDays);
    const meetingEnd = meetingStart ? new Date(meetingStart.getTime() + 30 * 60_000) : null;
    const answered =
      r.state === "REQUESTED" || r.state === "EXPIRED" || r.state === "WITHDRAWN" ? null : new Date(sent.getTime() + 0.8 * day);
    const closedStates: State[] = ["COMPLETED", "CANCELLED", "NO_SHOW", "DECLINED", "EXPIRED", "WITHDRAWN"];
    const closed = closedStates.includes(r.state)
      ? r.state === "COMPLETED" || r.state === "NO_SHOW"
        ? new Date(meetingEnd!.getTime() + 2 * 3_600_000)
        : r.state === "EXPIRED"
          ? new Date(sent.getTime() + 7 * day)
          : new Date(sent.getTime() + day)
      : null;
    const modality = r.modality ?? "VIDEO";
    const [row] = await m.query(
      `INSERT INTO interview_requests
         (institution_id, student_id, alumnus_id, state, modality, message, questions_shared, student_time_zone, alumnus_time_zone,
          expires_at, answered_at, decline_reason, decline_referral, meeting_starts_at, meeting_ends_at, meeting_link, meeting_phone,
          meeting_location, in_person_notes, closed_at, close_reason, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, true, $7, $8, $9, $10::timestamptz, $11, $12, $13, $14, $15, $16, $17, $18, $19::timestamptz, $20, $21::timestamptz, coalesce($19::timestamptz, $10::timestamptz, $21::timestamptz))
       RETURNING id`,
      [
        institutionId,
        student.id,
        alum.id,
        r.state,
        modality,
        message(student, alum),
        student.timeZone,
        alum.timeZone,
        new Date(sent.getTime() + 7 * day),
        answered,
        r.state === "DECLINED" ? "I'm travelling for work this month, sorry!" : null,
        r.state === "DECLINED"
          ? JSON.stringify({ alumnusId: alumni[4].id, note: `${alumni[4].name} knows this field well and enjoys these chats.` })
          : null,
        meetingStart,
        meetingEnd,
        meetingStart && modality === "VIDEO" ? "https://meet.example.org/infoview-demo" : null,
        meetingStart && modality === "PHONE" ? "+1 555 0142" : null,
        meetingStart && modality === "IN_PERSON" ? "Campus Career Center, Room 204" : null,
        meetingStart && modality === "IN_PERSON" ? "Visitor parking in Lot C; business casual." : null,
        closed,
        r.state === "CANCELLED"
          ? "A work trip came up; happy to find another time."
          : r.state === "NO_SHOW"
            ? "The student did not join the call."
            : null,
        sent,
      ],
    );
    const requestId: string = row.id;
    await m.query(
      `INSERT INTO proposed_times (institution_id, request_id, starts_at, ends_at, status, created_at)
       SELECT $1, $2, s, s + interval '30 minutes', CASE WHEN s = $4::timestamptz THEN 'CHOSEN' ELSE 'OPEN' END, $5::timestamptz
         FROM unnest($3::timestamptz[]) AS s`,
      [
        institutionId,
        requestId,
        meetingStart ? [meetingStart, new Date(meetingStart.getTime() + day)] : [at(r.sentDays + 4), at(r.sentDays + 5)],
        meetingStart,
        sent,
      ],
    );
    await m.query(
      `INSERT INTO request_questions (institution_id, request_id, position, bank_id, text)
       VALUES ($1, $2, 1, NULL, 'How did you get into this line of work?'), ($1, $2, 2, NULL, 'What do you find most challenging about it?'),
              ($1, $2, 3, NULL, 'Who else would you suggest I talk to?')`,
      [institutionId, requestId],
    );
    let from: State = "REQUESTED";
    await m.query(
      `INSERT INTO request_events (institution_id, request_id, actor_id, from_state, to_state, at) VALUES ($1, $2, $3, NULL, 'REQUESTED', $4)`,
      [institutionId, requestId, student.id, sent],
    );
    for (const to of PATH[r.state]) {
      const actor = to === "WITHDRAWN" ? student.id : to === "EXPIRED" ? null : alum.id;
      const when = to === "ACCEPTED" ? answered : closed;
      await m.query(
        `INSERT INTO request_events (institution_id, request_id, actor_id, from_state, to_state, at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [institutionId, requestId, actor, from, to, when],
      );
      from = to;
    }
    if (r.state === "COMPLETED")
      await seedAfterConversation(m, institutionId, requestId, student, alum, alumni, closed!, r.meetingDays! < -7);
    count += 1;
  }
  return count;
}

async function seedAfterConversation(
  m: EntityManager,
  institutionId: string,
  requestId: string,
  student: Person,
  alum: Person,
  alumni: Person[],
  completedAt: Date,
  thanked: boolean,
): Promise<void> {
  const [settings] = await m.query(`SELECT thank_you_days, follow_up_days FROM institutions WHERE id = $1`, [institutionId]);
  await m.query(
    `INSERT INTO follow_ups (institution_id, request_id, student_id, completed_at, thank_you_due_at, thank_you_sent_at, may_contact_again, update_due_at)
     VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz + make_interval(days => $5), $6, $7, $4::timestamptz + make_interval(days => $8))`,
    [
      institutionId,
      requestId,
      student.id,
      completedAt,
      settings.thank_you_days,
      thanked ? new Date(completedAt.getTime() + day) : null,
      thanked ? true : null,
      settings.follow_up_days,
    ],
  );
  if (!thanked) return;
  await m.query(
    `INSERT INTO conversation_notes (institution_id, request_id, student_id, advice, takeaways, new_questions, shared_with_advisor)
     VALUES ($1, $2, $3, $4, $5, $6, true)`,
    [
      institutionId,
      requestId,
      student.id,
      `${alum.name.split(" ")[0]} suggested taking one project course with real clients and writing about it.`,
      "Most of the job is listening to clients; technical skills are learned on the job.",
      ["What does a first year in the role look like?", "Which professional associations are worth joining?"],
    ],
  );
  const next = alumni[6];
  await m.query(
    `INSERT INTO referrals (institution_id, student_id, source_request_id, suggested_by_id, referred_alumnus_id, name, role, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'Alum in the directory', 'SUGGESTED'),
            ($1, $2, $3, $4, NULL, 'Jordan Ellis', 'Hiring manager''s colleague — a good person to ask about the day to day', 'SUGGESTED')`,
    [institutionId, student.id, requestId, alum.id, next.id, next.name],
  );
  // What came of it, for the advisors' outcome reports.
  await m.query(
    `INSERT INTO outcomes (institution_id, student_id, request_id, kind, note, created_at)
     VALUES ($1, $2, $3, 'FURTHER_INTRODUCTION', $4, least($5::timestamptz, now())), ($1, $2, $3, 'PURSUING_FIELD', NULL, least($5::timestamptz, now()))`,
    [
      institutionId,
      student.id,
      requestId,
      `${alum.name.split(" ")[0]} introduced me to ${next.name}.`,
      new Date(completedAt.getTime() + 2 * day),
    ],
  );
}

/** Requests in every state for each demo institution; skipped when any request exists already. */
export async function seedDemoRequests(dataSource: DataSource, slugs: string[]): Promise<number> {
  const institutions: Array<{ id: string }> = await systemTransaction(dataSource, (m) =>
    m.query(`SELECT id FROM institutions WHERE slug = ANY($1) ORDER BY slug`, [slugs]),
  );
  let total = 0;
  for (const { id: institutionId } of institutions) {
    total += await tenantTransaction(dataSource, { institutionId }, async (m) => {
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM interview_requests`);
      return n > 0 ? 0 : seedInstitutionRequests(m, institutionId);
    });
  }
  return total;
}
