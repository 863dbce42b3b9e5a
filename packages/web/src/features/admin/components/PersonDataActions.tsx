import { useApolloClient, useMutation } from "@apollo/client/react";
import { useState } from "react";
import { t } from "../../../i18n";
import { describeError } from "../../../lib/errors";
import { Button } from "../../../ui/Button";
import { AdminErasePersonDocument, AdminPersonDataArchiveDocument } from "../graphql/PersonDataRights.generated";

function save(archive: { filename: string; contentType: string; base64: string }): void {
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

/** An admin's data-subject actions on one person: "Export data" (a zip, audited) and "Erase now" after a confirmation. */
export function PersonDataActions({
  membershipId,
  name,
  onDone,
}: {
  membershipId: string;
  name: string;
  onDone: (message: string, failed?: boolean) => void;
}) {
  const client = useApolloClient();
  const [erase, erasing] = useMutation(AdminErasePersonDocument, { refetchQueries: ["AdminPeople"] });
  const [confirming, setConfirming] = useState(false);

  async function onExport() {
    try {
      const result = await client.query({
        query: AdminPersonDataArchiveDocument,
        variables: { membershipId },
        fetchPolicy: "network-only",
      });
      if (result.data) save(result.data.personDataArchive);
      onDone(t("admin.dataRights.exported", { name }));
    } catch (failure) {
      onDone(describeError(failure).message, true);
    }
  }

  async function onErase() {
    try {
      await erase({ variables: { membershipId } });
      setConfirming(false);
      onDone(t("admin.dataRights.erased"));
    } catch (failure) {
      onDone(describeError(failure).message, true);
    }
  }

  return confirming ? (
    <span role="group" aria-label={t("admin.dataRights.confirmLabel", { name })}>
      {t("admin.dataRights.confirm", { name })}{" "}
      <Button variant="primary" onPress={() => void onErase()} busyLabel={erasing.loading ? t("admin.dataRights.erasing") : null}>
        {t("admin.dataRights.eraseConfirmed")}
      </Button>{" "}
      <Button variant="quiet" onPress={() => setConfirming(false)}>
        {t("admin.dataRights.keep")}
      </Button>
    </span>
  ) : (
    <>
      <Button variant="quiet" onPress={() => void onExport()} aria-label={t("admin.dataRights.exportLabel", { name })}>
        {t("admin.dataRights.export")}
      </Button>
      <Button variant="quiet" onPress={() => setConfirming(true)} aria-label={t("admin.dataRights.eraseLabel", { name })}>
        {t("admin.dataRights.erase")}
      </Button>
    </>
  );
}
