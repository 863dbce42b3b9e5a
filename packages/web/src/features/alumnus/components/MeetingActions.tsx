import { useMutation } from "@apollo/client/react";
import type { FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { useDraftForm } from "../../../lib/use-saved-draft";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { AddToCalendarButton } from "../../../ui/meeting/AddToCalendarButton";
import { MeetingDetails } from "../../../ui/meeting/MeetingDetails";
import { TextAreaField } from "../../../ui/NativeFields";
import {
  AlumnusRequestsDocument,
  AlumnusCancelMeetingDocument,
  AlumnusMarkCompletedDocument,
  type AlumnusRequestDetailQuery,
} from "../graphql/Requests.generated";
import { t } from "../../../i18n";

type Detail = AlumnusRequestDetailQuery["interviewRequest"];

/** A booked meeting: its details, the calendar file, and cancelling or marking it done. */
export function MeetingActions({ request, onChanged }: { request: Detail; onChanged: () => void }) {
  const [status, say] = useAnnouncer();
  const [cancelMeeting, cancelling] = useMutation(AlumnusCancelMeetingDocument, { refetchQueries: [AlumnusRequestsDocument] });
  const [markCompleted, completing] = useMutation(AlumnusMarkCompletedDocument, { refetchQueries: [AlumnusRequestsDocument] });
  const cancel = useDraftForm(
    `cancel:${request.id}`,
    { reason: "" },
    { reason: (v) => (String(v).trim() ? null : t("alumnus.meetingActions.tellWhy")) },
  );
  const started = request.meetingStartsAt ? Date.parse(request.meetingStartsAt) <= Date.now() : false;

  async function onCancel(event: FormEvent) {
    event.preventDefault();
    if (cancel.validateAll()) return;
    try {
      await cancelMeeting({ variables: { input: { requestId: request.id, reason: cancel.values.reason.trim() } } });
      cancel.clear();
      say(t("alumnus.meetingActions.theMeetingIs"));
      onChanged();
    } catch (error) {
      say(t("alumnus.meetingActions.reasonKept", { error: describeError(error).message }), "error");
    }
  }

  async function onComplete() {
    try {
      await markCompleted({ variables: { input: { requestId: request.id } } });
      say(t("alumnus.meetingActions.markedAsCompleted"));
      onChanged();
    } catch (error) {
      say(describeError(error).message, "error");
    }
  }

  return (
    <section className="card" aria-labelledby="meeting-heading">
      <h2 id="meeting-heading">{t("alumnus.meetingActions.theMeeting")}</h2>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      <MeetingDetails
        meeting={request}
        myZone={request.alumnusTimeZone}
        other={{ name: request.studentName, timeZone: request.studentTimeZone }}
      />
      <div className="actions">
        <AddToCalendarButton requestId={request.id} otherName={request.studentName} say={say} />
        {started && (
          <Button onPress={() => void onComplete()} busyLabel={completing.loading ? t("alumnus.meetingActions.saving") : null}>
            {t("alumnus.meetingActions.markAsCompleted")}
          </Button>
        )}
      </div>
      {!started && (
        <form className="form" noValidate onSubmit={onCancel} aria-label={t("alumnus.meetingActions.cancelTheMeeting")}>
          <TextAreaField {...cancel.fieldProps("reason")} label={t("alumnus.meetingActions.reasonForCancelling")} rows={2} />
          <div className="actions">
            <Button type="submit" variant="secondary" busyLabel={cancelling.loading ? t("alumnus.meetingActions.cancelling") : null}>
              {t("alumnus.meetingActions.cancelTheMeeting")}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
