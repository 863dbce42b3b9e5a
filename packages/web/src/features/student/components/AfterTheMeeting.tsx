import { useMutation, useQuery } from "@apollo/client/react";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { LoadError, Loading } from "../../../ui/QueryState";
import { ConversationNotesDocument } from "../graphql/ConversationNotes.generated";
import { FollowUpsDueDocument } from "../graphql/FollowUpsDue.generated";
import { SetContactAgainPermissionDocument } from "../graphql/SetContactAgainPermission.generated";
import type { ConversationRequest } from "../lib/conversation";
import { FollowUpChecklist } from "./FollowUpChecklist";
import { NotesSection } from "./NotesSection";
import { Outcomes } from "./Outcomes";
import { SuggestedNames } from "./SuggestedNames";
import { t } from "../../../i18n";

/** Notes, names suggested, and the follow-ups owed, once the conversation has begun. */
export function AfterTheMeeting({ request }: { request: ConversationRequest }) {
  const started =
    request.state === "COMPLETED" ||
    (request.state === "ACCEPTED" && request.meetingStartsAt !== null && Date.parse(request.meetingStartsAt) <= Date.now());
  const notes = useQuery(ConversationNotesDocument, {
    variables: { requestId: request.id },
    skip: !started && request.state !== "DECLINED",
  });
  const followUps = useQuery(FollowUpsDueDocument, { skip: request.state !== "COMPLETED", fetchPolicy: "cache-and-network" });
  const [setPermission] = useMutation(SetContactAgainPermissionDocument);
  const [permission, say] = useAnnouncer();

  if (!started) return null;
  const mine = followUps.data?.followUpsDue.filter((f) => f.requestId === request.id) ?? [];

  async function recordPermission(allowed: boolean) {
    try {
      await setPermission({ variables: { requestId: request.id, allowed } });
      say(allowed ? t("student.afterTheMeeting.notedTheyReGlad") : t("student.afterTheMeeting.notedWeWonT"));
      void followUps.refetch();
    } catch (error) {
      say(describeError(error).message, "error");
    }
  }

  return (
    <>
      {request.state === "COMPLETED" && (
        <section className="card" aria-labelledby="follow-up-heading">
          <h2 id="follow-up-heading">{t("student.afterTheMeeting.followUp")}</h2>
          {followUps.loading && !followUps.data ? (
            <Loading label={t("student.afterTheMeeting.loadingYourFollowUps")} />
          ) : followUps.error && !followUps.data ? (
            <LoadError error={followUps.error} retry={() => void followUps.refetch()} what={t("student.what.followUps")} />
          ) : (
            <FollowUpChecklist items={mine} onChanged={() => void followUps.refetch()} showConversationLinks={false} />
          )}
          <p>{t("student.after.mayContact", { name: request.alumnusName })}</p>
          <div className="actions">
            <Button variant="secondary" onPress={() => void recordPermission(true)}>
              {t("student.afterTheMeeting.yesTheySaidSo")}
            </Button>
            <Button variant="quiet" onPress={() => void recordPermission(false)}>
              {t("student.afterTheMeeting.noBetterNot")}
            </Button>
          </div>
          <Alert tone={permission?.tone} announcementKey={permission?.n}>
            {permission?.message}
          </Alert>
        </section>
      )}
      <section className="card">
        {notes.loading && !notes.data ? (
          <Loading label={t("student.afterTheMeeting.loadingYourNotes")} />
        ) : notes.error && !notes.data ? (
          <LoadError error={notes.error} retry={() => void notes.refetch()} what={t("student.what.notes")} />
        ) : (
          <NotesSection requestId={request.id} notes={notes.data?.notes ?? null} onSaved={() => void notes.refetch()} />
        )}
      </section>
      {request.state === "COMPLETED" && <Outcomes requestId={request.id} alumnusName={request.alumnusName} />}
      <section className="card" aria-labelledby="names-heading">
        <SuggestedNames
          requestId={request.id}
          names={notes.data?.notes?.namesSuggested ?? []}
          canAdd
          onChanged={() => void notes.refetch()}
        />
      </section>
    </>
  );
}
