import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { describeError } from "../../../lib/errors";
import { browserTimeZone, formatDateTime } from "../../../lib/time";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { TextField } from "../../../ui/TextField";
import { CancelMeetingDocument } from "../graphql/CancelMeeting.generated";
import { ConfirmProposedTimeDocument } from "../graphql/ConfirmProposedTime.generated";
import { MarkCompletedDocument } from "../graphql/MarkCompleted.generated";
import { WithdrawRequestDocument } from "../graphql/WithdrawRequest.generated";
import type { ConversationRequest } from "../lib/conversation";
import { t } from "../../../i18n";

/** What the student can do now: withdraw, confirm the alum's time, cancel, or mark the meeting done. */
export function ConversationActions({ request, onChanged }: { request: ConversationRequest; onChanged: () => void }) {
  const [withdraw] = useMutation(WithdrawRequestDocument, { refetchQueries: ["MyRequests"] });
  const [confirmTime] = useMutation(ConfirmProposedTimeDocument, { refetchQueries: ["MyRequests"] });
  const [cancel] = useMutation(CancelMeetingDocument, { refetchQueries: ["MyRequests"] });
  const [complete] = useMutation(MarkCompletedDocument, { refetchQueries: ["MyRequests", "FollowUpsDue"] });
  const [reason, setReason] = useState("");
  const [asking, setAsking] = useState<"withdraw" | "cancel" | null>(null);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | null>(null);
  const [status, say] = useAnnouncer();
  const zone = browserTimeZone();

  async function run(label: string, action: () => Promise<unknown>, done: string) {
    setBusy(label);
    try {
      await action();
      say(done);
      setAsking(null);
      setReason("");
      onChanged();
    } catch (error) {
      say(describeError(error).message, "error");
    } finally {
      setBusy(null);
    }
  }

  const counter = request.proposedTimes.find((t) => t.proposedBy === "ALUMNUS" && t.status === "OPEN");
  const started = request.meetingStartsAt ? Date.parse(request.meetingStartsAt) <= Date.now() : false;

  return (
    <>
      <div className="actions">
        {counter && request.state !== "COMPLETED" && (
          <Button
            onPress={() =>
              void run(
                "confirm",
                () => confirmTime({ variables: { requestId: request.id, proposedTimeId: counter.id } }),
                t("student.actions.confirmed"),
              )
            }
            busyLabel={busy === "confirm" ? t("student.conversationActions.confirming") : null}
          >
            {t("student.actions.confirmTime", { time: formatDateTime(counter.startsAt, zone) })}
          </Button>
        )}
        {request.state === "REQUESTED" && asking !== "withdraw" && (
          <Button variant="secondary" onPress={() => setAsking("withdraw")}>
            {t("student.conversationActions.withdrawRequest")}
          </Button>
        )}
        {request.state === "ACCEPTED" && started && (
          <Button
            onPress={() =>
              void run("complete", () => complete({ variables: { input: { requestId: request.id } } }), t("student.actions.completed"))
            }
            busyLabel={busy === "complete" ? t("student.conversationActions.saving") : null}
          >
            {t("student.conversationActions.weHadTheConversation")}
          </Button>
        )}
        {request.state === "ACCEPTED" && asking !== "cancel" && (
          <Button variant="secondary" onPress={() => setAsking("cancel")}>
            {t("student.conversationActions.cancelMeeting")}
          </Button>
        )}
      </div>
      {asking && (
        <form
          className="form"
          noValidate
          aria-label={
            asking === "withdraw" ? t("student.conversationActions.withdrawTheRequest") : t("student.conversationActions.cancelTheMeeting")
          }
          onSubmit={(e) => {
            e.preventDefault();
            if (asking === "cancel" && !reason.trim()) {
              setReasonError(t("student.actions.reasonRequired"));
              return;
            }
            if (asking === "withdraw")
              void run(
                "withdraw",
                () => withdraw({ variables: { input: { requestId: request.id, reason: reason.trim() || null } } }),
                t("student.actions.withdrawn"),
              );
            else
              void run(
                "cancel",
                () => cancel({ variables: { input: { requestId: request.id, reason: reason.trim() } } }),
                t("student.actions.cancelled"),
              );
          }}
        >
          <TextField
            label={
              asking === "withdraw" ? t("student.conversationActions.reasonOptional") : t("student.conversationActions.reasonShownToThem")
            }
            value={reason}
            onChange={(v) => {
              setReason(v);
              setReasonError(undefined);
            }}
            errorMessage={reasonError}
            isRequired={asking === "cancel"}
            autoFocus
          />
          <div className="actions">
            <Button type="submit" busyLabel={busy ? t("student.conversationActions.saving") : null}>
              {asking === "withdraw" ? t("student.conversationActions.withdrawRequest") : t("student.conversationActions.cancelMeeting")}
            </Button>
            <Button variant="quiet" onPress={() => setAsking(null)}>
              {t("student.conversationActions.keepIt")}
            </Button>
          </div>
        </form>
      )}
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
    </>
  );
}
