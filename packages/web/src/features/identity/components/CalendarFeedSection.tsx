import { useMutation, useQuery } from "@apollo/client/react";
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
      say("Your calendar link was replaced. The old one no longer works: subscribe again with the new one.", "info");
    } catch (failure) {
      say(describeError(failure).message);
    }
  }

  return (
    <section aria-labelledby="calendar-heading" className="card">
      <h2 id="calendar-heading">Your meetings in your calendar</h2>
      <p>
        Subscribe to this link in Google Calendar, Outlook or Apple Calendar to see all your conversations there, kept up to date when they
        move or are cancelled. Keep it private: anyone with the link can see your meetings.
      </p>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {error && !data && <Alert>{describeError(error).message}</Alert>}
      {!data && loading && <Loading label="Loading your calendar link…" />}
      {data && (
        <>
          <p>
            <a href={data.myCalendarFeed.webcalUrl}>Subscribe in your calendar app</a>
          </p>
          <p>
            Or paste this address where your calendar asks for one (“From URL” or “Subscribe”):{" "}
            <code className="break" data-testid="calendar-feed-url">
              {data.myCalendarFeed.url}
            </code>
          </p>
          <Button variant="secondary" onPress={() => void onRotate()} busyLabel={rotating.loading ? "Replacing…" : null}>
            Replace the link
          </Button>
        </>
      )}
    </section>
  );
}
