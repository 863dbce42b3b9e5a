/** The request emails' words (planDelivery in notification-plan.ts decides who gets which), in each reader's language. */
import { calendarInvite } from "../../shared/calendar-invite";
import type { MailAttachment } from "./mailer";
import { emailText } from "./templates/email-layout";
import type { RequestOutboxPayload } from "../../db/outbox";
import type { Person, RequestFacts } from "./request-facts";
import type { PlanContext, PlannedEmail, Side } from "./planned-email";
import { wordsFor, type Words } from "./templates/i18n/words";
import { inviteWording } from "./templates/invite-words";

/** States in which a booked meeting's invite still stands. */
const BOOKED_STATES = ["ACCEPTED", "COMPLETED", "NO_SHOW"];

/**
 * The emails themselves: who, what, when (in the reader's own time zone), what to do next — every word from the
 * catalogs (templates/i18n) in the reader's language, every date formatted their way (ADR 0033).
 */
export class Writer {
  constructor(
    readonly f: RequestFacts,
    readonly ctx: PlanContext,
  ) {}

  newRequest(): PlannedEmail {
    const { student, alumnus } = this.f;
    const w = this.words("ALUMNUS");
    const times = this.f.openTimes.filter((t) => t.proposedBy === "STUDENT");
    return this.email("ALUMNUS", w.t("created.subject", { student: student.name }), [
      w.t("created.intro", {
        student: student.name,
        institution: this.f.institutionName,
        minutes: this.minutes(),
        modality: w.t("common.modality", { modality: this.f.modality }),
      }),
      `${w.t("created.message")}\n${quote(this.f.message)}`,
      times.length > 0 ? `${w.t("created.times")}\n${times.map((t) => `  - ${this.at(t.startsAt, alumnus)}`).join("\n")}` : null,
      w.t("created.next", { expires: this.at(this.f.expiresAt, alumnus) }),
      this.link("ALUMNUS"),
    ]);
  }

  booked(side: Side, rescheduled: boolean, sequence: number | undefined): PlannedEmail {
    const me = this.person(side);
    const them = this.person(other(side));
    const w = this.words(side);
    const invite = this.invite(side, false, sequence);
    const names = { name: them.name, when: this.meetingAt(me) };
    const subject = rescheduled
      ? w.t("booked.subjectMoved", names)
      : side === "STUDENT"
        ? w.t("booked.subjectStudent", names)
        : w.t("booked.subjectAlumnus", names);
    const opening = rescheduled
      ? w.t("booked.openingMoved", names)
      : side === "STUDENT"
        ? w.t("booked.openingStudent", names)
        : w.t("booked.openingAlumnus", names);
    const next =
      side === "STUDENT"
        ? w.t("booked.nextStudent", { name: them.name, days: this.f.thankYouDays })
        : w.t("booked.nextAlumnus", { name: them.name });
    return this.email(
      side,
      subject,
      [
        opening,
        this.meetingDetails(me),
        this.f.modality === "VIDEO" && this.f.captionsRequested ? w.t("common.captionsNote") : null,
        invite ? w.t("booked.inviteAttached") : w.t("booked.changedSince"),
        next,
        this.link(side),
      ],
      invite ? [invite] : [],
    );
  }

  otherTimeOffered(): PlannedEmail {
    const { student, alumnus } = this.f;
    const w = this.words("STUDENT");
    const times = this.f.openTimes.filter((t) => t.proposedBy === "ALUMNUS");
    return this.email("STUDENT", w.t("otherTime.subject", { alumnus: alumnus.name }), [
      w.t("otherTime.intro", { alumnus: alumnus.name }),
      times.length > 0 ? times.map((t) => `  - ${this.at(t.startsAt, student)}`).join("\n") : `  ${w.t("common.seeRequest")}`,
      w.t("otherTime.next", { expires: this.at(this.f.expiresAt, student) }),
      this.link("STUDENT"),
    ]);
  }

  newTimeProposed(side: Side, actor: RequestOutboxPayload["actor"]): PlannedEmail {
    const me = this.person(side);
    const w = this.words(side);
    const proposer = actor === "STUDENT" || actor === "ALUMNUS" ? this.person(actor).name : w.t("newTime.someone");
    const times = this.f.openTimes.filter((t) => t.kind === "RESCHEDULE");
    return this.email(side, w.t("newTime.subject", { proposer }), [
      this.f.meetingStartsAt ? w.t("newTime.asksFrom", { proposer, when: this.meetingAt(me) }) : w.t("newTime.asks", { proposer }),
      times.length > 0 ? times.map((t) => `  - ${this.at(t.startsAt, me)}`).join("\n") : `  ${w.t("common.seeRequest")}`,
      w.t("newTime.next"),
      this.link(side),
    ]);
  }

  declined(): PlannedEmail {
    const { alumnus, declineReason, declineReferral } = this.f;
    const w = this.words("STUDENT");
    const referral = declineReferral?.name
      ? [
          w.t("declined.suggests", { alumnus: alumnus.name, name: declineReferral.name }),
          declineReferral.contact ? w.t("declined.contact", { contact: declineReferral.contact }) : null,
          declineReferral.note ? w.t("declined.note", { note: declineReferral.note }) : null,
        ]
          .filter(Boolean)
          .join("\n")
      : null;
    return this.email("STUDENT", w.t("declined.subject", { alumnus: alumnus.name }), [
      sentences(w.t("declined.body", { alumnus: alumnus.name }), declineReason ? w.t("common.theyWrote", { text: declineReason }) : null),
      referral,
      referral ? w.t("declined.nextReferral") : w.t("declined.next"),
      this.link("STUDENT"),
    ]);
  }

  expired(): PlannedEmail {
    const { alumnus, student } = this.f;
    const w = this.words("STUDENT");
    return this.email("STUDENT", w.t("expired.subject", { alumnus: alumnus.name }), [
      w.t("expired.body", { alumnus: alumnus.name, expired: this.at(this.f.expiresAt, student) }),
      w.t("expired.next"),
      this.link("STUDENT"),
    ]);
  }

  withdrawn(): PlannedEmail {
    const { student } = this.f;
    const w = this.words("ALUMNUS");
    return this.email("ALUMNUS", w.t("withdrawn.subject", { student: student.name }), [
      sentences(
        w.t("withdrawn.body", { student: student.name }),
        this.f.closeReason ? w.t("common.theyWrote", { text: this.f.closeReason }) : null,
      ),
      w.t("withdrawn.next"),
      this.link("ALUMNUS"),
    ]);
  }

  cancelled(side: Side, actor: RequestOutboxPayload["actor"], sequence: number | undefined): PlannedEmail {
    const me = this.person(side);
    const them = this.person(other(side));
    const w = this.words(side);
    const planned = !!this.f.meetingStartsAt;
    const names = { name: them.name, when: this.meetingAt(me) };
    const what =
      actor === side
        ? w.t(planned ? "cancelled.byYouAt" : "cancelled.byYou", names)
        : actor === "STUDENT" || actor === "ALUMNUS"
          ? w.t(planned ? "cancelled.byThemAt" : "cancelled.byThem", names)
          : w.t(planned ? "cancelled.byNobodyAt" : "cancelled.byNobody", names);
    const invite = this.invite(side, true, sequence);
    return this.email(
      side,
      w.t(planned ? "cancelled.subjectAt" : "cancelled.subject", names),
      [
        sentences(what, this.f.closeReason ? w.t("cancelled.reason", { reason: this.f.closeReason }) : null),
        invite ? w.t("cancelled.inviteAttached") : null,
        side === "STUDENT" ? w.t("cancelled.nextStudent", { name: them.name }) : w.t("cancelled.nextAlumnus"),
        this.link(side),
      ],
      invite ? [invite] : [],
    );
  }

  noShow(side: Side): PlannedEmail {
    const me = this.person(side);
    const them = this.person(other(side));
    const w = this.words(side);
    return this.email(side, w.t("noShow.subject", { name: them.name }), [
      w.t(this.f.meetingStartsAt ? "noShow.bodyAt" : "noShow.body", { name: them.name, when: this.meetingAt(me) }),
      sentences(w.t("noShow.next"), side === "STUDENT" ? w.t("noShow.apology", { name: them.name }) : null),
      this.link(side),
    ]);
  }

  expiryReminder(): PlannedEmail {
    const { student, alumnus } = this.f;
    const w = this.words("ALUMNUS");
    const expires = this.at(this.f.expiresAt, alumnus);
    return this.email("ALUMNUS", w.t("expiry.subject", { student: student.name, expires }), [
      w.t("expiry.body", { student: student.name, expires }),
      w.t("expiry.next", { student: student.name }),
      this.link("ALUMNUS"),
    ]);
  }

  meetingMoved(side: Side, actor: RequestOutboxPayload["actor"]): PlannedEmail {
    const them = this.person(other(side));
    const w = this.words(side);
    const who = actor === "STUDENT" || actor === "ALUMNUS" ? this.person(actor).name : them.name;
    return this.email(side, w.t("moved.subject", { name: them.name }), [
      w.t(this.f.meetingStartsAt ? "moved.bodyAt" : "moved.body", { who, when: this.meetingAt(this.person(side)) }),
      w.t("moved.next", { who }),
      this.link(side),
    ]);
  }

  updated(side: Side): PlannedEmail {
    const them = this.person(other(side));
    const w = this.words(side);
    return this.email(side, w.t("updated.subject", { name: them.name }), [
      w.t("updated.body", { name: them.name }),
      w.t("updated.next"),
      this.link(side),
    ]);
  }

  // ——— pieces, shared with meeting-emails.ts ———

  email(side: Side, subject: string, paragraphs: Array<string | null>, attachments: MailAttachment[] = []): PlannedEmail {
    const to = this.person(side);
    const w = wordsFor(to.locale);
    const all = [
      w.t("common.hello", { name: to.name }),
      ...paragraphs.filter((p): p is string => !!p),
      w.t("common.signOff", { institution: this.f.institutionName }),
    ];
    return {
      side,
      to,
      subject,
      text: emailText({ paragraphs: all }),
      paragraphs: all,
      institutionName: this.f.institutionName,
      locale: to.locale,
      attachments,
    };
  }

  person(side: Side): Person {
    return side === "STUDENT" ? this.f.student : this.f.alumnus;
  }

  /** The reader's words: their language's catalog and formats. */
  words(side: Side): Words {
    return wordsFor(this.person(side).locale);
  }

  minutes(): number {
    const { meetingStartsAt: s, meetingEndsAt: e, openTimes } = this.f;
    if (s && e) return Math.round((e.getTime() - s.getTime()) / 60_000);
    const t = openTimes[0];
    return t ? Math.round((t.endsAt.getTime() - t.startsAt.getTime()) / 60_000) : this.f.meetingMinutes;
  }

  /** A time in the reader's own zone and language, named: "Tue, Mar 3, 2026, 10:00 AM EST (America/New_York)". */
  at(date: Date, who: Person): string {
    return wordsFor(who.locale).zonedTime(date, who.timeZone);
  }

  meetingAt(who: Person): string {
    return this.f.meetingStartsAt ? this.at(this.f.meetingStartsAt, who) : wordsFor(who.locale).t("common.timeToBeConfirmed");
  }

  meetingDetails(who: Person): string {
    const f = this.f;
    const w = wordsFor(who.locale);
    const how =
      f.modality === "VIDEO"
        ? f.meetingLink
          ? w.t("details.video", { link: f.meetingLink })
          : w.t("details.videoLater")
        : f.modality === "PHONE"
          ? f.meetingPhone
            ? w.t("details.phone", { phone: f.meetingPhone })
            : w.t("details.phoneLater")
          : f.meetingLocation
            ? w.t("details.inPerson", { place: f.meetingLocation })
            : w.t("details.inPersonLater");
    return [
      w.t("details.when", { when: this.meetingAt(who) }),
      w.t("details.length", { minutes: this.minutes() }),
      how,
      f.modality === "IN_PERSON" && f.inPersonNotes ? w.t("details.gettingThere", { notes: f.inPersonNotes }) : null,
    ]
      .filter(Boolean)
      .join("\n");
  }

  /** The .ics for the meeting, in the reader's language, unless a newer version exists (then a later email carries that one). */
  private invite(side: Side, cancelled: boolean, sequence: number | undefined): MailAttachment | null {
    const f = this.f;
    if (!f.meetingStartsAt || !f.meetingEndsAt) return null;
    if (sequence !== undefined && sequence !== f.calendarSequence) return null;
    if (!cancelled && !BOOKED_STATES.includes(f.state)) return null;
    if (cancelled && f.state !== "CANCELLED") return null;
    const facts = {
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
    };
    const content = calendarInvite({ ...facts, wording: inviteWording(facts, this.words(side)) });
    const method = cancelled ? "CANCEL" : "REQUEST";
    return {
      filename: cancelled ? "cancel.ics" : "invite.ics",
      content,
      contentType: `text/calendar; charset=utf-8; method=${method}`,
    };
  }

  link(side: Side): string {
    // The web client's pages: a student's conversation, an alum's request (packages/web/src/features/*/routes.tsx).
    const page = side === "STUDENT" ? `student/conversations/${this.f.id}` : `alumni/requests/${this.f.id}`;
    return this.words(side).t("common.openRequest", { url: `${this.ctx.publicUrl}/${page}` });
  }
}

export const other = (side: Side): Side => (side === "STUDENT" ? "ALUMNUS" : "STUDENT");

/** Two sentences of one paragraph, the second only when there is one. */
export const sentences = (first: string, second: string | null): string => (second ? `${first} ${second}` : first);

function quote(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join("\n");
}
