import type { InviteFacts, InviteWording } from "../../../shared/calendar-invite";
import type { Words } from "./i18n/words";

/**
 * An emailed invitation's SUMMARY, DESCRIPTION and LOCATION in the reader's language (ADR 0033): each person's copy of
 * the invitation is written for them, with both people's times each in their own zone, formatted the reader's way.
 */
export function inviteWording(f: Omit<InviteFacts, "wording">, w: Words): InviteWording {
  const minutes = Math.round((f.endsAt.getTime() - f.startsAt.getTime()) / 60_000);
  const how =
    f.modality === "VIDEO"
      ? f.meetingLink
        ? w.t("invite.video", { link: f.meetingLink })
        : w.t("invite.videoLater")
      : f.modality === "PHONE"
        ? f.meetingPhone
          ? w.t("invite.phone", { phone: f.meetingPhone })
          : w.t("invite.phoneLater")
        : f.meetingLocation
          ? w.t("invite.inPerson", { place: f.meetingLocation })
          : w.t("invite.inPersonLater");
  const location = f.modality === "VIDEO" ? f.meetingLink : f.modality === "PHONE" ? (f.meetingPhone ? how : null) : f.meetingLocation;
  const description = [
    w.t("invite.about"),
    w.t("invite.student", { name: f.studentName, when: w.zonedTime(f.startsAt, f.studentTimeZone) }),
    w.t("invite.alumnus", { name: f.alumnusName, when: w.zonedTime(f.startsAt, f.alumnusTimeZone) }),
    w.t("invite.length", { minutes }),
    how,
    ...(f.modality === "IN_PERSON" && f.inPersonNotes ? [w.t("invite.notes", { notes: f.inPersonNotes })] : []),
    ...(f.modality === "VIDEO" && f.captionsRequested ? [w.t("common.captionsNote")] : []),
  ].join("\n");
  return { summary: w.t("invite.summary", { student: f.studentName, alumnus: f.alumnusName }), description, location };
}
