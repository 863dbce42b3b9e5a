import { Link } from "react-router-dom";
import { browserTimeZone } from "../../../lib/time";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { AddToCalendarButton } from "../../../ui/meeting/AddToCalendarButton";
import { MeetingDetails } from "../../../ui/meeting/MeetingDetails";
import type { ConversationRequest } from "../lib/conversation";
import { t } from "../../../i18n";

/** The booked meeting for the student: its details, how to reach the alum, and the calendar file. */
export function StudentMeeting({ request }: { request: ConversationRequest }) {
  const [status, say] = useAnnouncer();
  const contact = request.alumnusContact;

  return (
    <section className="card" aria-labelledby="meeting-heading">
      <h2 id="meeting-heading">{t("student.studentMeeting.theMeeting")}</h2>
      <MeetingDetails
        meeting={request}
        myZone={browserTimeZone()}
        other={{ name: request.alumnusName, timeZone: request.alumnusTimeZone }}
      />
      <h3 className="subheading">{t("student.studentMeeting.contact")}</h3>
      {contact && (contact.email || contact.phone) ? (
        <ul className="plain-list" aria-label={t("student.meeting.howToReach", { name: request.alumnusName })}>
          {contact.email && (
            <li>
              {t("student.meeting.email")} <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </li>
          )}
          {contact.phone && (
            <li>
              {t("student.meeting.phone")} <a href={`tel:${contact.phone}`}>{contact.phone}</a>
            </li>
          )}
        </ul>
      ) : (
        <p>{t("student.meeting.private", { name: request.alumnusName })}</p>
      )}
      {request.state === "ACCEPTED" && (
        <ul className="plain-list" aria-label={t("student.meeting.prepare")}>
          <li>
            <Link to={`/student/conversations/${request.id}/before`}>
              {t("student.meeting.beforeYouMeet", { name: request.alumnusName })}
            </Link>
          </li>
          <li>
            <Link to={`/student/conversations/${request.id}/meeting`}>{t("student.meeting.meetingView")}</Link>
          </li>
        </ul>
      )}
      <div className="actions">
        <AddToCalendarButton requestId={request.id} otherName={request.alumnusName} say={say} />
      </div>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
    </section>
  );
}
