import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import "../consent-review-messages";
import "./consent-review.css";
import type { ConsentKind } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { formatDate } from "../../../lib/time";
import { t, type MessageId } from "../../../i18n";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import {
  AgreeToReviewedConsentDocument,
  ConsentsToReviewDocument,
  WithdrawReviewedConsentDocument,
  type ConsentsToReviewQuery,
} from "../graphql/ConsentReview.generated";

const KIND_LABELS: Record<ConsentKind, MessageId> = {
  ALUMNUS_LISTED: "identity.consentReview.kind.ALUMNUS_LISTED",
  ALUMNUS_CONTACT: "identity.consentReview.kind.ALUMNUS_CONTACT",
  ALUMNUS_SHARE_CONTACT: "identity.consentReview.kind.ALUMNUS_SHARE_CONTACT",
  STUDENT_SHARE_WITH_ALUMNI: "identity.consentReview.kind.STUDENT_SHARE_WITH_ALUMNI",
  STUDENT_SHARE_WITH_ADVISORS: "identity.consentReview.kind.STUDENT_SHARE_WITH_ADVISORS",
};

/** "Not now" lasts for this browser tab's session: the notice comes back at the next sign-in. */
const LATER_KEY = "infoview.consentReview.later";
const laterIds = (): string[] => {
  try {
    return JSON.parse(sessionStorage.getItem(LATER_KEY) ?? "[]") as string[];
  } catch {
    return [];
  }
};

type Text = ConsentsToReviewQuery["me"]["consentsToReview"][number];

/**
 * Consent texts published since the person agreed to an earlier version: shown above every page until they agree to
 * the new version or withdraw (issue 13). Nothing is shown, and nothing rendered, when there is nothing to review.
 */
export function ConsentReviewNotice() {
  const { data } = useQuery(ConsentsToReviewDocument, { fetchPolicy: "cache-and-network" });
  const [later, setLater] = useState(laterIds);
  const [status, say] = useAnnouncer();
  const texts = (data?.me.consentsToReview ?? []).filter((text) => !later.includes(text.id));
  if (texts.length === 0) {
    // The last answer's confirmation stays readable after its text has gone.
    return status ? (
      <Alert tone={status.tone} announcementKey={status.n}>
        {status.message}
      </Alert>
    ) : null;
  }

  const notNow = () => {
    const ids = [...later, ...texts.map((text) => text.id)];
    sessionStorage.setItem(LATER_KEY, JSON.stringify(ids));
    setLater(ids);
  };

  return (
    <section className="card consent-review" aria-labelledby="consent-review-title">
      <h2 id="consent-review-title">{t("identity.consentReview.title", { count: texts.length })}</h2>
      <p>{t("identity.consentReview.intro")}</p>
      {texts.map((text) => (
        <ReviewOne key={text.id} text={text} say={say} />
      ))}
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      <div className="actions">
        <Button variant="quiet" onPress={notNow}>
          {t("identity.consentReview.notNow")}
        </Button>
      </div>
    </section>
  );
}

function ReviewOne({ text, say }: { text: Text; say: (message: string, tone?: "error" | "info") => void }) {
  const refetchQueries = [ConsentsToReviewDocument];
  const [agree, agreeing] = useMutation(AgreeToReviewedConsentDocument, { refetchQueries, awaitRefetchQueries: true });
  const [withdraw, withdrawing] = useMutation(WithdrawReviewedConsentDocument, { refetchQueries, awaitRefetchQueries: true });
  const kind = t(KIND_LABELS[text.kind]);
  const headingId = `consent-review-${text.id}`;

  async function answer(kindOfAnswer: "agree" | "withdraw") {
    try {
      if (kindOfAnswer === "agree") {
        await agree({ variables: { kind: text.kind } });
        say(t("identity.consentReview.agreed", { kind, version: text.version }));
      } else {
        await withdraw({ variables: { kind: text.kind } });
        say(t("identity.consentReview.withdrawn", { kind }));
      }
    } catch (failure) {
      say(t("identity.consentReview.failed", { error: describeError(failure).message }), "error");
    }
  }

  return (
    <article aria-labelledby={headingId} className="consent-review-text">
      <h3 id={headingId}>{kind}</h3>
      <p className="fine-print">{t("identity.consentReview.versionLine", { version: text.version, date: formatDate(text.createdAt) })}</p>
      <blockquote className="quote">{text.body}</blockquote>
      <div className="actions">
        <Button
          onPress={() => void answer("agree")}
          busyLabel={agreeing.loading ? t("identity.consentReview.saving") : null}
          aria-label={t("identity.consentReview.agreeTo", { kind, version: text.version })}
        >
          {t("identity.consentReview.agree", { version: text.version })}
        </Button>
        <Button
          variant="secondary"
          onPress={() => void answer("withdraw")}
          busyLabel={withdrawing.loading ? t("identity.consentReview.saving") : null}
          aria-label={t("identity.consentReview.withdrawFrom", { kind })}
        >
          {t("identity.consentReview.withdraw")}
        </Button>
      </div>
    </article>
  );
}
