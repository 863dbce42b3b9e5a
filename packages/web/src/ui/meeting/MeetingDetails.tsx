import { MODALITY_LABELS } from "../../lib/labels";
import { TwoZoneLabel } from "../TwoZoneLabel";
import type { MeetingDetails_InterviewRequestFragment } from "./MeetingDetails.generated";
import { t } from "../../i18n";

/** The person on the other side of the meeting, whose clock is shown beside the reader's. */
export interface MeetingCounterpart {
  name: string;
  timeZone: string;
}

/**
 * A booked meeting as either person reads it: when (on the reader's clock, with the other's
 * beside it), how, and where or how to join. The student and the alum see the same details.
 */
export function MeetingDetails({
  meeting,
  myZone,
  other,
}: {
  meeting: MeetingDetails_InterviewRequestFragment;
  myZone: string;
  other: MeetingCounterpart;
}) {
  return (
    <dl className="details">
      {meeting.meetingStartsAt && (
        <div>
          <dt>{t("ui.meetingDetails.when")}</dt>
          <dd>
            <TwoZoneLabel iso={meeting.meetingStartsAt} myZone={myZone} theirZone={other.timeZone} theirName={other.name} />
          </dd>
        </div>
      )}
      <div>
        <dt>{t("ui.meetingDetails.how")}</dt>
        <dd>{MODALITY_LABELS[meeting.modality]}</dd>
      </div>
      {meeting.meetingLink && (
        <div>
          <dt>{t("ui.meetingDetails.link")}</dt>
          <dd className="break">
            <a href={meeting.meetingLink} rel="noreferrer" target="_blank">
              {meeting.meetingLink}
            </a>
          </dd>
        </div>
      )}
      {meeting.meetingPhone && (
        <div>
          <dt>{t("ui.meetingDetails.phone")}</dt>
          <dd>
            <a href={`tel:${meeting.meetingPhone}`}>{meeting.meetingPhone}</a>
          </dd>
        </div>
      )}
      {meeting.meetingLocation && (
        <div>
          <dt>{t("ui.meetingDetails.where")}</dt>
          <dd>{meeting.meetingLocation}</dd>
        </div>
      )}
      {meeting.inPersonNotes && (
        <div>
          <dt>{t("ui.meetingDetails.goodToKnow")}</dt>
          <dd>{meeting.inPersonNotes}</dd>
        </div>
      )}
    </dl>
  );
}
