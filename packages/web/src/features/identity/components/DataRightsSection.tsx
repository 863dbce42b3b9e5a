import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { t } from "../../../i18n";
import "../data-rights-messages";
import { describeError } from "../../../lib/errors";
import { formatDate } from "../../../lib/time";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { CancelAccountErasureDocument } from "../graphql/CancelAccountErasure.generated";
import { MyAccountErasureDocument } from "../graphql/MyAccountErasure.generated";
import { MyDataArchiveDocument } from "../graphql/MyDataArchive.generated";
import { RequestAccountErasureDocument } from "../graphql/RequestAccountErasure.generated";

/** Saves a base64 archive as a file in the browser. */
function saveArchive(archive: { filename: string; contentType: string; base64: string }): void {
  const bytes = Uint8Array.from(atob(archive.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: archive.contentType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = archive.filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Account page: "Download my data" (a zip of everything held about the person) and "Delete my account" with its date and cancel. */
export function DataRightsSection() {
  const client = useApolloClient();
  const { data } = useQuery(MyAccountErasureDocument);
  const [request, requesting] = useMutation(RequestAccountErasureDocument, { refetchQueries: ["MyAccountErasure"] });
  const [cancel, cancelling] = useMutation(CancelAccountErasureDocument, { refetchQueries: ["MyAccountErasure"] });
  const [status, say] = useAnnouncer();
  const [downloading, setDownloading] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const dueAt = data?.myAccountErasure.dueAt ?? null;

  async function onDownload() {
    setDownloading(true);
    try {
      const result = await client.query({ query: MyDataArchiveDocument, fetchPolicy: "network-only" });
      if (result.data) saveArchive(result.data.myDataArchive);
      say(t("identity.dataRights.downloaded"), "info");
    } catch (failure) {
      say(describeError(failure).message);
    } finally {
      setDownloading(false);
    }
  }

  async function run(fn: () => Promise<unknown>, done: string) {
    try {
      await fn();
      setConfirming(false);
      say(done, "info");
    } catch (failure) {
      say(describeError(failure).message);
    }
  }

  return (
    <section aria-labelledby="data-rights-heading" className="card">
      <h2 id="data-rights-heading">{t("identity.dataRights.heading")}</h2>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      <p>{t("identity.dataRights.downloadExplain")}</p>
      <Button variant="secondary" onPress={() => void onDownload()} busyLabel={downloading ? t("identity.dataRights.preparing") : null}>
        {t("identity.dataRights.download")}
      </Button>
      <h3>{t("identity.dataRights.deleteHeading")}</h3>
      {dueAt ? (
        <>
          <p data-testid="erasure-due">{t("identity.dataRights.pending", { date: formatDate(dueAt) })}</p>
          <Button
            variant="secondary"
            onPress={() => void run(() => cancel(), t("identity.dataRights.cancelled"))}
            busyLabel={cancelling.loading ? t("identity.dataRights.cancelling") : null}
          >
            {t("identity.dataRights.cancel")}
          </Button>
        </>
      ) : confirming ? (
        <div role="group" aria-labelledby="erase-confirm-text">
          <p id="erase-confirm-text">{t("identity.dataRights.confirmText")}</p>
          <Button
            variant="primary"
            onPress={() => void run(() => request(), t("identity.dataRights.requested"))}
            busyLabel={requesting.loading ? t("identity.dataRights.requesting") : null}
          >
            {t("identity.dataRights.confirm")}
          </Button>{" "}
          <Button variant="quiet" onPress={() => setConfirming(false)}>
            {t("identity.dataRights.keep")}
          </Button>
        </div>
      ) : (
        <>
          <p>{t("identity.dataRights.deleteExplain")}</p>
          <Button variant="secondary" onPress={() => setConfirming(true)}>
            {t("identity.dataRights.delete")}
          </Button>
        </>
      )}
    </section>
  );
}
