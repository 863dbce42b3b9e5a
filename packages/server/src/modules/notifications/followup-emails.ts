/** The emails after a conversation: what to do next, thank-yous and updates due, a thank-you sent (in the reader's language). */
import type { PlannedEmail } from "./planned-email";
import { sentences, type Writer } from "./request-emails";
import { emailText } from "./templates/email-layout";

export function completedStudentEmail(writer: Writer): PlannedEmail {
  const f = writer.f;
  const { alumnus, student } = f;
  const w = writer.words("STUDENT");
  const due = f.thankYouDueAt ?? new Date((f.meetingEndsAt ?? f.updatedAt).getTime() + f.thankYouDays * 86_400_000);
  return writer.email("STUDENT", w.t("completed.subjectStudent", { alumnus: alumnus.name }), [
    w.t("completed.bodyStudent", { alumnus: alumnus.name }),
    w.t("completed.nextStudent", { alumnus: alumnus.name, due: w.day(due, student.timeZone) }),
    writer.link("STUDENT"),
  ]);
}

export function completedAlumnusEmail(writer: Writer): PlannedEmail {
  const { student } = writer.f;
  const w = writer.words("ALUMNUS");
  return writer.email("ALUMNUS", w.t("completed.subjectAlumnus", { student: student.name }), [
    w.t("completed.bodyAlumnus", { student: student.name }),
    w.t("completed.nextAlumnus"),
    writer.link("ALUMNUS"),
  ]);
}

export function thankYouDueEmail(writer: Writer): PlannedEmail {
  const f = writer.f;
  const { alumnus, student } = f;
  const w = writer.words("STUDENT");
  return writer.email("STUDENT", w.t("thankYouDue.subject", { alumnus: alumnus.name }), [
    sentences(
      f.meetingStartsAt
        ? w.t("thankYouDue.talkedOn", { alumnus: alumnus.name, day: w.day(f.meetingStartsAt, student.timeZone) })
        : w.t("thankYouDue.talked", { alumnus: alumnus.name }),
      w.t("thankYouDue.due", { days: f.thankYouDays }),
    ),
    w.t("thankYouDue.next"),
    writer.link("STUDENT"),
  ]);
}

/** The student's own words, sent through the platform; the email says who wrote them and where they came from. */
export function thankYouSentEmail(writer: Writer, text: string): PlannedEmail {
  const f = writer.f;
  const { student, alumnus } = f;
  const w = writer.words("ALUMNUS");
  const names = { student: student.name, institution: f.institutionName };
  const paragraphs = [
    f.meetingStartsAt
      ? w.t("thankYouSent.introOn", { ...names, day: w.day(f.meetingStartsAt, alumnus.timeZone) })
      : w.t("thankYouSent.intro", names),
    ...text
      .trim()
      .split(/\r?\n\s*\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    w.t("thankYouSent.next"),
    w.t("common.signOff", { institution: f.institutionName }),
  ];
  return {
    side: "ALUMNUS",
    to: alumnus,
    subject: w.t("thankYouSent.subject", { student: student.name }),
    text: emailText({ paragraphs }),
    paragraphs,
    institutionName: f.institutionName,
    locale: alumnus.locale,
    attachments: [],
  };
}

export function updateDueEmail(writer: Writer): PlannedEmail {
  const { alumnus } = writer.f;
  const w = writer.words("STUDENT");
  return writer.email("STUDENT", w.t("updateDue.subject", { alumnus: alumnus.name }), [
    w.t("updateDue.body", { alumnus: alumnus.name }),
    w.t("updateDue.next"),
    writer.link("STUDENT"),
  ]);
}
