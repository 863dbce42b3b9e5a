import { useApolloClient } from "@apollo/client/react";
import { useState } from "react";
import { downloadText } from "../../lib/download";
import { describeError } from "../../lib/errors";
import type { Say } from "../Alert";
import { Button } from "../Button";
import { CalendarInviteDocument } from "./CalendarInvite.generated";
import { t } from "../../i18n";

/** Downloads the meeting's .ics file (the same invitation the emails carry) and says how it went. */
export function AddToCalendarButton({ requestId, otherName, say }: { requestId: string; otherName: string; say: Say }) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    try {
      const { data } = await client.query({ query: CalendarInviteDocument, variables: { requestId }, fetchPolicy: "network-only" });
      if (data) downloadText(`infoview-${otherName.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.ics`, data.calendarInvite, "text/calendar");
      say(t("ui.addToCalendarButton.calendarFileDownloadedOpen"));
    } catch (error) {
      say(describeError(error).message, "error");
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button variant="secondary" onPress={() => void download()} busyLabel={busy ? t("ui.addToCalendarButton.preparing") : null}>
      {t("ui.addToCalendarButton.addToCalendarIcs")}
    </Button>
  );
}
