/** The emails around a booked meeting's time: reminders before it, "did it happen?" after it (ADR 0021), in the reader's language. */
import type { PlannedEmail, Side } from "./planned-email";
import { other, type Writer } from "./request-emails";

/** 24 hours or 1 hour before: both people; the student's carries the guides' checklist. */
export function meetingReminderEmail(writer: Writer, side: Side, reminder: string | undefined): PlannedEmail {
  const f = writer.f;
  const me = writer.person(side);
  const them = writer.person(other(side));
  const w = writer.words(side);
  const soon = reminder === "BEFORE_1H" ? "hour" : "soon";
  const inPerson = f.modality === "IN_PERSON";
  const checklist =
    side === "STUDENT"
      ? [
          w.t("reminder.beforeYouGo"),
          ...[
            w.t("reminder.lookUp", { name: them.name }),
            w.t("reminder.questions"),
            w.t(inPerson ? "reminder.wear" : "reminder.wearOnCamera"),
            inPerson ? w.t("reminder.directions") : w.t(f.modality === "VIDEO" ? "reminder.testVideo" : "reminder.testPhone"),
            w.t("reminder.onTime", { modality: f.modality }),
            w.t("reminder.keepTime", { minutes: writer.minutes() }),
            w.t("reminder.whoElse"),
          ].map((item) => `  - ${item}`),
        ].join("\n")
      : null;
  return writer.email(side, w.t("reminder.subject", { soon, name: them.name, when: writer.meetingAt(me) }), [
    w.t("reminder.body", { soon, name: them.name }),
    writer.meetingDetails(me),
    checklist,
    side === "ALUMNUS" ? w.t("reminder.alumnus", { name: them.name }) : w.t("reminder.student", { name: them.name }),
    writer.link(side),
  ]);
}

/** After the meeting: did it happen? Three one-click answers, each a signed single-use link to the answer page. */
export function meetingCheckEmail(writer: Writer, side: Side, reminder: string): PlannedEmail {
  const me = writer.person(side);
  const them = writer.person(other(side));
  const w = writer.words(side);
  const token = writer.ctx.meetingCheckToken?.(writer.f, side, reminder);
  const answer = (a: string) => `${writer.ctx.publicUrl}/meeting-check#token=${token}&answer=${a}`;
  return writer.email(side, w.t("check.subject", { name: them.name }), [
    w.t("check.body", { name: them.name, when: writer.meetingAt(me) }),
    token
      ? [
          w.t("check.oneClick"),
          `  - ${w.t("check.happened")}: ${answer("HAPPENED")}`,
          `  - ${w.t("check.noShow", { name: them.name })}: ${answer("NO_SHOW")}`,
          `  - ${w.t("check.moved")}: ${answer("MOVED")}`,
          w.t("check.once"),
        ].join("\n")
      : w.t("check.inInfoview", { name: them.name }),
    side === "STUDENT" ? w.t("check.thankYou", { days: writer.f.thankYouDays }) : null,
    writer.link(side),
  ]);
}
