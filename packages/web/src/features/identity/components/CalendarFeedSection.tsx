import { useMutation, useQuery } from "@apollo/client/react";
import { t } from "../../../i18n";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { MyCalendarFeedDocument } from "../graphql/MyCalendarFeed.generated";
import { RotateCalendarFeedDocument } from "../graphql/RotateCalendarFeed.generated";

/** The person's secret calendar feed: a webcal:// link to subscribe to, the https one to paste, and a new secret. */
export function CalendarFeedSection() {
  const { data, loading, error } = useQuery(MyCalendarFeedDocument);
  const [rotate, rotating] = useMutation(RotateCalendarFeedDocument, { refetchQueries: ["MyCalendarFeed"] });
  const [status, say] = useAnnouncer();

  async function onRotate() {
    try {
      await rotate();
      say(t("identity.calendar.replaced"), "info");
    } catch (failure) {
      say(describeError(failure).message);
    }
  }

  return (
    <section aria-labelledby="calendar-heading" className="card">
      <h2 id="calendar-heading">{t("identity.calendar.heading")}</h2>
      <p>{t("identity.calendar.explain")}</p>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {error && !data && <Alert>{describeError(error).message}</Alert>}
      {!data && loading && <Loading label={t("identity.calendar.loading")} />}
      {data && (
        <>
          <p>
            <a href={data.myCalendarFeed.webcalUrl}>{t("identity.calendar.subscribe")}</a>
          </p>
          <p>
            {t("identity.calendar.paste")}{" "}
            <code className="break" data-testid="calendar-feed-url">
              {data.myCalendarFeed.url}
            </code>
          </p>
          <Button
            variant="secondary"
            onPress={() => void onRotate()}
            busyLabel={rotating.loading ? t("identity.calendar.replacing") : null}
          >
            {t("identity.calendar.replace")}
          </Button>
        </>
      )}
    </section>
  );
}
