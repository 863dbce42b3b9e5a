import "../thank-you-messages";
import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router-dom";
import { useViewer } from "../../../lib/auth/viewer";
import { PageHeading } from "../../../ui/PageHeading";
import { LoadError, Loading } from "../../../ui/QueryState";
import { ThankYouComposerDocument } from "../graphql/ThankYouComposer.generated";
import { notesAreEmpty, thankYouDraft } from "../lib/thank-you-draft";
import { ThankYouForm } from "./ThankYouForm";
import { t } from "../../../i18n";

/**
 * The thank-you composer for one conversation that took place: a draft from the student's notes, in their language,
 * sent through Infoview or recorded as sent another way (email, card, letter).
 */
export function ThankYouComposerPage() {
  const { requestId = "" } = useParams();
  const viewer = useViewer();
  const { data, loading, error, refetch } = useQuery(ThankYouComposerDocument, {
    variables: { id: requestId },
    fetchPolicy: "cache-and-network",
  });
  const request = data?.interviewRequest;
  const conversation = `/student/conversations/${requestId}`;
  const title = request ? t("thankYou.page.title", { name: request.alumnusName }) : t("thankYou.page.eyebrow");

  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={conversation}>{t("thankYou.page.backToConversation")}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {!data && loading && <Loading label={t("thankYou.page.loading")} />}
      {!data && error && <LoadError error={error} retry={() => void refetch()} what={t("thankYou.page.what")} />}
      {request && request.state !== "COMPLETED" && <p className="lede">{t("thankYou.page.notCompleted")}</p>}
      {request && request.state === "COMPLETED" && data && (
        <>
          <p className="lede">{t("thankYou.page.lede")}</p>
          {notesAreEmpty(data.notes ?? null) && (
            <p>
              {t("thankYou.page.emptyNotes", { name: request.alumnusName })} <Link to={conversation}>{t("thankYou.page.editNotes")}</Link>
            </p>
          )}
          <ThankYouForm
            requestId={request.id}
            alumnusName={request.alumnusName}
            due={data.followUpsDue.some((f) => f.requestId === request.id && f.kind === "THANK_YOU")}
            draft={() => thankYouDraft(request.alumnusName, viewer.identity.displayName, data.notes ?? null)}
          />
        </>
      )}
    </div>
  );
}
