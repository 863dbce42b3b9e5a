import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import type { FollowUpChecklist_FollowUpDueFragment } from "../graphql/FollowUpChecklist_FollowUpDue.generated";
import { RecordFollowUpUpdateDocument } from "../graphql/RecordFollowUpUpdate.generated";
import { RecordThankYouDocument } from "../graphql/RecordThankYou.generated";
import { browserTimeZone, formatDate, relativeDays } from "../../../lib/time";
import { t } from "../../../i18n";
import "../thank-you-messages";

const KIND_TEXT = {
  THANK_YOU: {
    title: (name: string) => t("student.followUp.thank.title", { name }),
    get done() {
      return t("student.followUp.thank.done");
    },
    recorded: (name: string) => t("student.followUp.thank.recorded", { name }),
  },
  UPDATE: {
    title: (name: string) => t("student.followUp.update.title", { name }),
    get done() {
      return t("student.followUp.update.done");
    },
    recorded: (name: string) => t("student.followUp.update.recorded", { name }),
  },
};

/** What the student still owes the alumni they met: thank-yous and later updates, soonest first. */
export function FollowUpChecklist({
  items,
  onChanged,
  showConversationLinks = true,
}: {
  items: FollowUpChecklist_FollowUpDueFragment[];
  onChanged?: () => void;
  showConversationLinks?: boolean;
}) {
  const [recordThankYou] = useMutation(RecordThankYouDocument);
  const [recordUpdate] = useMutation(RecordFollowUpUpdateDocument);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, say] = useAnnouncer();
  const zone = browserTimeZone();

  async function markDone(item: FollowUpChecklist_FollowUpDueFragment) {
    const key = `${item.requestId}:${item.kind}`;
    setBusy(key);
    try {
      if (item.kind === "THANK_YOU") await recordThankYou({ variables: { requestId: item.requestId } });
      else await recordUpdate({ variables: { requestId: item.requestId } });
      say(KIND_TEXT[item.kind].recorded(item.alumnusName));
      onChanged?.();
    } catch (error) {
      say(describeError(error).message, "error");
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {items.length === 0 ? (
        <p>{t("student.followUpChecklist.nothingToFollowUp")}</p>
      ) : (
        <ul className="follow-ups">
          {items.map((item) => {
            const key = `${item.requestId}:${item.kind}`;
            return (
              <li key={key} className={`follow-up${item.overdue ? " follow-up-overdue" : ""}`}>
                <div>
                  <p className="follow-up-title">{KIND_TEXT[item.kind].title(item.alumnusName)}</p>
                  <p className="follow-up-due">
                    {item.overdue ? t("student.followUpChecklist.overdueWasDue") : t("student.followUpChecklist.due")}{" "}
                    {relativeDays(item.dueAt)} ({formatDate(item.dueAt, zone)})
                    {showConversationLinks && (
                      <>
                        {" · "}
                        <Link to={`/student/conversations/${item.requestId}`}>{t("student.followUpChecklist.openTheConversation")}</Link>
                      </>
                    )}
                  </p>
                </div>
                <div className="actions">
                  {item.kind === "THANK_YOU" && (
                    // The composer drafts it from the notes, sends it or records how it was sent (email, card, letter).
                    <Link className="button button-primary" to={`/student/conversations/${item.requestId}/thank-you`}>
                      {t("thankYou.checklist.write")}
                    </Link>
                  )}
                  <Button
                    variant={item.kind === "THANK_YOU" ? "quiet" : "secondary"}
                    onPress={() => void markDone(item)}
                    busyLabel={busy === key ? t("student.followUpChecklist.saving") : null}
                  >
                    {KIND_TEXT[item.kind].done}
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
