/** The request emails' words (planDelivery in notification-plan.ts decides who gets which). */
import { CAPTIONS_NOTE, calendarInvite, localTime } from "../../shared/calendar-invite";
import type { MailAttachment } from "./mailer";
import { emailText } from "./templates/email-layout";
import type { RequestOutboxPayload } from "../../db/outbox";
import type { Person, RequestFacts } from "./request-facts";
import type { PlanContext, PlannedEmail, Side } from "./planned-email";

const MODALITY_WORDS = {
  VIDEO: "video call",
  PHONE: "phone call",
  IN_PERSON: "meeting in person",
} as const;
/** States in which a booked meeting's invite still stands. */
const BOOKED_STATES = ["ACCEPTED", "COMPLETED", "NO_SHOW"];

/** The emails themselves: plain text for people — who, what, when (in their own time zone), what to do next. */
export class Writer {
  constructor(
    private readonly f: RequestFacts,
    private readonly ctx: PlanContext,
  ) {}

  newRequest(): PlannedEmail {
    const { student, alumnus } = this.f;
    const times = this.f.openTimes.filter((t) => t.proposedBy === "STUDENT");
    return this.email("ALUMNUS", `${student.name} would like a short conversation with you`, [
      `${student.name}, a student at ${this.f.institutionName}, asks you for an informational interview: a ${this.minutes()}-minute ${MODALITY_WORDS[this.f.modality]} to learn about your work and your field. It is a request for information and advice, not for a job.`,
      `Their message:\n${quote(this.f.message)}`,
      times.length > 0 ? `The times they propose:\n${times.map((t) => `  - ${this.at(t.startsAt, alumnus)}`).join("\n")}` : null,
      `What to do next: accept one of these times, offer another, or decline (you can suggest someone else to talk to). The request expires on ${this.at(this.f.expiresAt, alumnus)} if it is not answered.`,
      this.link("ALUMNUS"),
    ]);
  }

  booked(side: Side, rescheduled: boolean, sequence: number | undefined): PlannedEmail {
    const me = this.person(side);
    const them = this.person(other(side));
    const invite = this.invite(false, sequence);
    const subject = rescheduled
      ? `New time for your conversation with ${them.name}: ${this.meetingAt(me)}`
      : side === "STUDENT"
        ? `${them.name} accepted: ${this.meetingAt(me)}`
        : `Confirmed: your conversation with ${them.name}, ${this.meetingAt(me)}`;
    const opening = rescheduled
      ? `Your conversation with ${them.name} has moved to a new time.`
      : side === "STUDENT"
        ? `Good news: ${them.name} accepted your request for an informational interview.`
        : `You accepted ${them.name}'s request for an informational interview. Thank you for giving your time.`;
    const next =
      side === "STUDENT"
        ? `What to do next: prepare a few open-ended questions and a short introduction of yourself, and be on time. Afterwards, send ${them.name} a thank-you within ${this.f.thankYouDays} days.`
        : `What to do next: nothing until the day. If something comes up, reschedule or cancel in Infoview so ${them.name} knows in time.`;
    return this.email(
      side,
      subject,
      [
        opening,
        this.meetingDetails(me),
        this.f.modality === "VIDEO" && this.f.captionsRequested ? CAPTIONS_NOTE : null,
        invite
          ? `The calendar invitation is attached (invite.ics); open it to add the conversation to your calendar.`
          : this.changedSince(),
        next,
        this.link(side),
      ],
      invite ? [invite] : [],
    );
  }

  otherTimeOffered(): PlannedEmail {
    const { student, alumnus } = this.f;
    const times = this.f.openTimes.filter((t) => t.proposedBy === "ALUMNUS");
    return this.email("STUDENT", `${alumnus.name} offered another time`, [
      `${alumnus.name} would like to talk with you but cannot make the times you proposed, and offers another instead:`,
      times.length > 0 ? times.map((t) => `  - ${this.at(t.startsAt, student)}`).join("\n") : `  (see the request in Infoview)`,
      `What to do next: confirm this time in Infoview to book the conversation, before ${this.at(this.f.expiresAt, student)}.`,
      this.link("STUDENT"),
    ]);
  }

  newTimeProposed(side: Side, actor: RequestOutboxPayload["actor"]): PlannedEmail {
    const me = this.person(side);
    const proposer = actor === "STUDENT" || actor === "ALUMNUS" ? this.person(actor).name : "The other person";
    const times = this.f.openTimes.filter((t) => t.kind === "RESCHEDULE");
    return this.email(side, `${proposer} proposed a new time for your conversation`, [
      `${proposer} asks to move your conversation${this.f.meetingStartsAt ? ` of ${this.meetingAt(me)}` : ""} to:`,
      times.length > 0 ? times.map((t) => `  - ${this.at(t.startsAt, me)}`).join("\n") : `  (see the request in Infoview)`,
      `What to do next: confirm the new time in Infoview. Until you do, the conversation stays at its current time.`,
      this.link(side),
    ]);
  }

  declined(): PlannedEmail {
    const { alumnus, declineReason, declineReferral } = this.f;
    const referral = declineReferral?.name
      ? [
          `${alumnus.name} suggests you talk to ${declineReferral.name} instead.`,
          declineReferral.contact ? `How to reach them: ${declineReferral.contact}` : null,
          declineReferral.note ? `Their note: ${declineReferral.note}` : null,
        ]
          .filter(Boolean)
          .join("\n")
      : null;
    return this.email("STUDENT", `${alumnus.name} can't take this conversation`, [
      `${alumnus.name} is not able to have this conversation.${declineReason ? ` They wrote: "${declineReason}"` : ""}`,
      referral,
      `What to do next: it is not a judgment of you — alumni volunteer around busy jobs. ${referral ? "Reach out to the person suggested, mentioning who referred you, or find" : "Find"} another alum in the directory.`,
      this.link("STUDENT"),
    ]);
  }

  expired(): PlannedEmail {
    const { alumnus, student } = this.f;
    return this.email("STUDENT", `Your request to ${alumnus.name} expired`, [
      `Your request to ${alumnus.name} expired on ${this.at(this.f.expiresAt, student)} without an answer.`,
      `What to do next: alumni volunteer around busy jobs, so this happens. Try another alum in the directory, or ask your career center to suggest someone.`,
      this.link("STUDENT"),
    ]);
  }

  withdrawn(): PlannedEmail {
    const { student } = this.f;
    return this.email("ALUMNUS", `${student.name} withdrew their request`, [
      `${student.name} withdrew their request for an informational interview.${this.f.closeReason ? ` They wrote: "${this.f.closeReason}"` : ""}`,
      `There is nothing for you to do.`,
      this.link("ALUMNUS"),
    ]);
  }

  completedStudent(): PlannedEmail {
    const { alumnus, student } = this.f;
    const due = this.f.thankYouDueAt ?? new Date((this.f.meetingEndsAt ?? this.f.updatedAt).getTime() + this.f.thankYouDays * 86_400_000);
    return this.email("STUDENT", `Your conversation with ${alumnus.name}: what to do next`, [
      `Your conversation with ${alumnus.name} is marked as done.`,
      `What to do next: write down the advice, your takeaways and the names ${alumnus.name} suggested while they are fresh. Send a thank-you by ${this.day(due, student)} — mention advice you found helpful and what you plan to do with it — and record it in Infoview.`,
      this.link("STUDENT"),
    ]);
  }

  completedAlumnus(): PlannedEmail {
    const { student } = this.f;
    return this.email("ALUMNUS", `Thank you for talking with ${student.name}`, [
      `Thank you for your conversation with ${student.name}. Conversations like this one are how students find their way into a field.`,
      `Nothing else is needed from you. You can adjust your availability and how many conversations you take on at any time.`,
      this.link("ALUMNUS"),
    ]);
  }

  cancelled(side: Side, actor: RequestOutboxPayload["actor"], sequence: number | undefined): PlannedEmail {
    const me = this.person(side);
    const them = this.person(other(side));
    const planned = this.f.meetingStartsAt ? ` planned for ${this.meetingAt(me)}` : "";
    const what =
      actor === side
        ? `You cancelled your conversation with ${them.name}${planned}.`
        : actor === "STUDENT" || actor === "ALUMNUS"
          ? `${them.name} cancelled your conversation${planned}.`
          : `Your conversation with ${them.name}${planned} is cancelled.`;
    const invite = this.invite(true, sequence);
    return this.email(
      side,
      `Cancelled: your conversation with ${them.name}${this.f.meetingStartsAt ? `, ${this.meetingAt(me)}` : ""}`,
      [
        `${what}${this.f.closeReason ? ` Reason given: "${this.f.closeReason}"` : ""}`,
        invite ? `The attached calendar update (cancel.ics) removes it from your calendar.` : null,
        side === "STUDENT"
          ? `What to do next: if you still want to talk, send ${them.name} a new request later, or find another alum in the directory.`
          : `There is nothing else for you to do; the time is free again.`,
        this.link(side),
      ],
      invite ? [invite] : [],
    );
  }

  noShow(side: Side): PlannedEmail {
    const me = this.person(side);
    const them = this.person(other(side));
    return this.email(side, `Your conversation with ${them.name} was recorded as missed`, [
      `Your conversation with ${them.name}${this.f.meetingStartsAt ? ` planned for ${this.meetingAt(me)}` : ""} was recorded as a no-show.`,
      `What to do next: if this is a mistake or something got in the way, tell your career center. ${side === "STUDENT" ? `A short apology to ${them.name} goes a long way.` : ""}`.trim(),
      this.link(side),
    ]);
  }

  expiryReminder(): PlannedEmail {
    const { student, alumnus } = this.f;
    return this.email("ALUMNUS", `Reminder: ${student.name}'s request expires ${this.at(this.f.expiresAt, alumnus)}`, [
      `${student.name} is still waiting for your answer to their request for an informational interview. It expires on ${this.at(this.f.expiresAt, alumnus)}.`,
      `What to do next: accept one of the proposed times, offer another, or decline — a quick no (perhaps suggesting someone else) helps ${student.name} move on.`,
      this.link("ALUMNUS"),
    ]);
  }

  thankYouDue(): PlannedEmail {
    const { alumnus, student } = this.f;
    return this.email("STUDENT", `Time to thank ${alumnus.name}`, [
      `${this.f.meetingStartsAt ? `You talked with ${alumnus.name} on ${this.day(this.f.meetingStartsAt, student)}.` : `You talked with ${alumnus.name}.`} A thank-you is due within ${this.f.thankYouDays} days of a conversation.`,
      `What to do next: send a short, well-written note — mention parts of your talk you enjoyed, advice you found helpful and what you plan to do with it — then record it as sent in Infoview.`,
      this.link("STUDENT"),
    ]);
  }

  /** The student's own words, sent through the platform; the email says who wrote them and where they came from. */
  thankYouSent(text: string): PlannedEmail {
    const { student, alumnus } = this.f;
    const when = this.f.meetingStartsAt ? ` on ${this.day(this.f.meetingStartsAt, alumnus)}` : "";
    const to = alumnus;
    const paragraphs = [
      `${student.name}, a student at ${this.f.institutionName}, sent you this thank-you after your conversation${when}:`,
      ...text
        .trim()
        .split(/\r?\n\s*\r?\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      `There is nothing you need to do. Thank you for giving your time.`,
      `— Infoview, for ${this.f.institutionName}`,
    ];
    return {
      side: "ALUMNUS",
      to,
      subject: `A thank-you from ${student.name}`,
      text: emailText({ paragraphs }),
      paragraphs,
      institutionName: this.f.institutionName,
      attachments: [],
    };
  }

  updateDue(): PlannedEmail {
    const { alumnus } = this.f;
    return this.email("STUDENT", `Send ${alumnus.name} an update`, [
      `Some weeks have passed since your conversation with ${alumnus.name}.`,
      `What to do next: write them a short update — who you talked to since (especially anyone they suggested), what you did with their advice, and any change in your plans. Record it in Infoview once sent.`,
      this.link("STUDENT"),
    ]);
  }

  /** 24 hours or 1 hour before: both people; the student's carries the guides' checklist. */
  meetingReminder(side: Side, reminder: string | undefined): PlannedEmail {
    const me = this.person(side);
    const them = this.person(other(side));
    const soon = reminder === "BEFORE_1H" ? "In an hour" : "Coming up";
    const inPerson = this.f.modality === "IN_PERSON";
    const checklist =
      side === "STUDENT"
        ? [
            `Before you go:`,
            `  - Look ${them.name} up again: their profile, their organization and their field.`,
            `  - Go over your questions and put the most important first.`,
            `  - What to wear: dress as people in their field would for a business meeting${inPerson ? "" : ", on camera too"}.`,
            inPerson
              ? `  - Directions and parking: plan the way there and where to park, and leave early so traffic does not make you late.`
              : `  - Test your ${this.f.modality === "VIDEO" ? "link, camera and microphone" : "phone and a quiet place"} beforehand.`,
            `  - Be on time: ${inPerson ? "arrive" : this.f.modality === "PHONE" ? "call" : "join"} a few minutes early.`,
            `  - Keep to the time agreed: ${this.minutes()} minutes. Watch the clock for them.`,
            `  - Before you finish, ask "Who else should I talk to?", and thank them for their time.`,
          ].join("\n")
        : null;
    return this.email(side, `${soon}: your conversation with ${them.name}, ${this.meetingAt(me)}`, [
      `A reminder: your informational interview with ${them.name} is ${reminder === "BEFORE_1H" ? "in about an hour" : "coming up soon"}.`,
      this.meetingDetails(me),
      checklist,
      side === "ALUMNUS"
        ? `${them.name} will come with questions about your work and your field. If something comes up, reschedule or cancel in Infoview so they know in time.`
        : `If something comes up, reschedule or cancel in Infoview so ${them.name} knows in time.`,
      this.link(side),
    ]);
  }

  /** After the meeting: did it happen? Three one-click answers, each a signed single-use link to the answer page. */
  meetingCheck(side: Side, reminder: string): PlannedEmail {
    const me = this.person(side);
    const them = this.person(other(side));
    const token = this.ctx.meetingCheckToken?.(this.f, side, reminder);
    const answer = (a: string) => `${this.ctx.publicUrl}/meeting-check#token=${token}&answer=${a}`;
    return this.email(side, `Did your conversation with ${them.name} happen?`, [
      `Your conversation with ${them.name} was planned for ${this.meetingAt(me)}. Did it happen?`,
      token
        ? [
            `Answer with one click:`,
            `  - It happened: ${answer("HAPPENED")}`,
            `  - ${them.name} didn't come: ${answer("NO_SHOW")}`,
            `  - We moved it: ${answer("MOVED")}`,
            `Each link works once. The first answer from either of you settles it, and the other person is told.`,
          ].join("\n")
        : `Answer in Infoview: it happened, ${them.name} didn't come, or you moved it.`,
      side === "STUDENT" ? `Once it has happened, your thank-you is due within ${this.f.thankYouDays} days of the conversation.` : null,
      this.link(side),
    ]);
  }

  meetingMoved(side: Side, actor: RequestOutboxPayload["actor"]): PlannedEmail {
    const them = this.person(other(side));
    const who = actor === "STUDENT" || actor === "ALUMNUS" ? this.person(actor).name : them.name;
    return this.email(side, `Your conversation with ${them.name} is to be rescheduled`, [
      `${who} says your conversation${this.f.meetingStartsAt ? ` planned for ${this.meetingAt(this.person(side))}` : ""} was moved.`,
      `What to do next: propose the new time in Infoview (or confirm the one ${who} proposes), so the calendar invitation and the reminders follow it.`,
      this.link(side),
    ]);
  }

  updated(side: Side): PlannedEmail {
    const them = this.person(other(side));
    return this.email(side, `Update on your conversation with ${them.name}`, [
      `There is an update on your informational interview with ${them.name}.`,
      `What to do next: open the request in Infoview to see what changed.`,
      this.link(side),
    ]);
  }

  // ——— pieces ———

  private email(side: Side, subject: string, paragraphs: Array<string | null>, attachments: MailAttachment[] = []): PlannedEmail {
    const to = this.person(side);
    const all = [`Hello ${to.name},`, ...paragraphs.filter((p): p is string => !!p), `— Infoview, for ${this.f.institutionName}`];
    return {
      side,
      to,
      subject,
      text: emailText({ paragraphs: all }),
      paragraphs: all,
      institutionName: this.f.institutionName,
      attachments,
    };
  }

  private person(side: Side) {
    return side === "STUDENT" ? this.f.student : this.f.alumnus;
  }

  private minutes(): number {
    const { meetingStartsAt: s, meetingEndsAt: e, openTimes } = this.f;
    if (s && e) return Math.round((e.getTime() - s.getTime()) / 60_000);
    const t = openTimes[0];
    return t ? Math.round((t.endsAt.getTime() - t.startsAt.getTime()) / 60_000) : this.f.meetingMinutes;
  }

  /** A time in the reader's own zone, named: "Tue, Mar 3, 2026, 10:00 AM EST (America/New_York)". */
  private at(date: Date, who: Person): string {
    return `${localTime(date, who.timeZone)} (${who.timeZone})`;
  }

  private day(date: Date, who: Person): string {
    return new Intl.DateTimeFormat("en-US", {
      timeZone: who.timeZone,
      weekday: "long",
      month: "long",
      day: "numeric",
    }).format(date);
  }

  private meetingAt(who: Person): string {
    return this.f.meetingStartsAt ? this.at(this.f.meetingStartsAt, who) : "time to be confirmed";
  }

  private meetingDetails(who: Person): string {
    const f = this.f;
    const how =
      f.modality === "VIDEO"
        ? `Video call: ${f.meetingLink ?? "the link will follow"}`
        : f.modality === "PHONE"
          ? `Phone: ${f.meetingPhone ?? "the number will follow"}`
          : `In person: ${f.meetingLocation ?? "the place will follow"}`;
    return [
      `When: ${this.meetingAt(who)}`,
      `Length: ${this.minutes()} minutes`,
      how,
      f.modality === "IN_PERSON" && f.inPersonNotes ? `Getting there (parking, attire…): ${f.inPersonNotes}` : null,
    ]
      .filter(Boolean)
      .join("\n");
  }

  private changedSince(): string {
    return `The meeting has changed since this message was written; the latest email about it has the current calendar invitation.`;
  }

  /** The .ics for the meeting, unless a newer version exists (then a later email carries that one). */
  private invite(cancelled: boolean, sequence: number | undefined): MailAttachment | null {
    const f = this.f;
    if (!f.meetingStartsAt || !f.meetingEndsAt) return null;
    if (sequence !== undefined && sequence !== f.calendarSequence) return null;
    if (!cancelled && !BOOKED_STATES.includes(f.state)) return null;
    if (cancelled && f.state !== "CANCELLED") return null;
    const content = calendarInvite({
      requestId: f.id,
      sequence: f.calendarSequence,
      cancelled,
      startsAt: f.meetingStartsAt,
      endsAt: f.meetingEndsAt,
      stamp: f.updatedAt,
      studentName: f.student.name,
      alumnusName: f.alumnus.name,
      studentTimeZone: f.student.timeZone,
      alumnusTimeZone: f.alumnus.timeZone,
      modality: f.modality,
      meetingLink: f.meetingLink,
      meetingPhone: f.meetingPhone,
      meetingLocation: f.meetingLocation,
      inPersonNotes: f.inPersonNotes,
      captionsRequested: f.captionsRequested,
      studentEmail: f.student.email,
      alumnusEmail: f.alumnus.email,
    });
    const method = cancelled ? "CANCEL" : "REQUEST";
    return {
      filename: cancelled ? "cancel.ics" : "invite.ics",
      content,
      contentType: `text/calendar; charset=utf-8; method=${method}`,
    };
  }

  private link(side: Side): string {
    // The web client's pages: a student's conversation, an alum's request (packages/web/src/features/*/routes.tsx).
    const page = side === "STUDENT" ? `student/conversations/${this.f.id}` : `alumni/requests/${this.f.id}`;
    return `Open the request: ${this.ctx.publicUrl}/${page}`;
  }
}

const other = (side: Side): Side => (side === "STUDENT" ? "ALUMNUS" : "STUDENT");

function quote(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join("\n");
}
