import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import type { WebhookDeliveryState, WebhookEvent } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { useDraftForm } from "../../../lib/use-saved-draft";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { CheckboxGroup } from "../../../ui/Checkbox";
import { Loading } from "../../../ui/Loading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import {
  AdminCreateWebhookEndpointDocument,
  AdminDeleteWebhookEndpointDocument,
  AdminReplayWebhookDeliveryDocument,
  AdminUpdateWebhookEndpointDocument,
  AdminWebhookDeliveriesDocument,
  AdminWebhookEndpointsDocument,
  type Admin_WebhookEndpointFragment as Endpoint,
} from "../graphql/Integrations.generated";
import { formatTimestamp } from "../../../lib/time";

export const EVENT_LABELS: Record<WebhookEvent, string> = {
  REQUEST_CREATED: "A student sends a request",
  REQUEST_ACCEPTED: "An alum accepts a request",
  REQUEST_DECLINED: "An alum declines a request",
  REQUEST_WITHDRAWN: "A student withdraws a request",
  REQUEST_CANCELLED: "A conversation is cancelled",
  REQUEST_TIME_PROPOSED: "New times are proposed",
  REQUEST_COMPLETED: "A conversation is completed",
  REQUEST_NO_SHOW: "Someone did not show up",
  REQUEST_EXPIRED: "A request expires unanswered",
  CONSENT_GIVEN: "Someone gives a consent",
  CONSENT_WITHDRAWN: "Someone withdraws a consent",
  PERSON_ERASED: "A person is erased",
};
const EVENTS = Object.keys(EVENT_LABELS) as WebhookEvent[];
const STATE_LABELS: Record<WebhookDeliveryState, string> = { DELIVERED: "Delivered", FAILED: "Failed", PENDING: "Pending" };
const when = (iso: string | null) => (iso ? formatTimestamp(iso) : "—");

/** What is wrong with a webhook URL, as the server would judge it (http is refused by production servers). */
export function webhookUrlProblem(raw: string): string | null {
  const value = raw.trim();
  if (!value) return "Enter the URL that should receive the events.";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL, starting with https://.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an https:// URL.";
  if (!url.hostname) return "Enter a full URL, with a host name.";
  if (url.username || url.password) return "Leave the user name and password out of the URL; check the signature instead.";
  return null;
}

/** Webhook endpoints: register one, see its secret once, list them with their recent deliveries, replay one. */
export function WebhooksSection() {
  const { data, loading, error, refetch } = useQuery(AdminWebhookEndpointsDocument);
  const [status, say] = useAnnouncer();
  const [secret, setSecret] = useState<{ url: string; value: string } | null>(null);
  const [remove] = useMutation(AdminDeleteWebhookEndpointDocument, { refetchQueries: [AdminWebhookEndpointsDocument] });
  const [update] = useMutation(AdminUpdateWebhookEndpointDocument);
  const [confirming, setConfirming] = useState<string | null>(null);

  async function onRemove(endpoint: Endpoint) {
    try {
      await remove({ variables: { id: endpoint.id } });
      say(`${endpoint.url} is removed with its delivery log.`, "info");
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }
  async function onToggle(endpoint: Endpoint) {
    try {
      await update({ variables: { id: endpoint.id, input: { active: !endpoint.active } } });
      say(endpoint.active ? `Deliveries to ${endpoint.url} are paused.` : `Deliveries to ${endpoint.url} are resumed.`, "info");
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }

  return (
    <section className="card" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhooks</h2>
      <p>Infoview sends each chosen event to your URL as a signed POST, and retries until it gets a 2xx answer.</p>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {secret && (
        <div className="notice">
          <p>
            Signing secret for {secret.url} (shown only this once):{" "}
            <code className="break" aria-label="Signing secret">
              {secret.value}
            </code>
          </p>
          <Button variant="secondary" onPress={() => void navigator.clipboard?.writeText(secret.value).then(() => say("Copied.", "info"))}>
            Copy the signing secret
          </Button>
        </div>
      )}
      {error && !data ? (
        <ErrorState error={error} title="We couldn't load the webhooks" onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label="Loading webhooks…" />
      ) : data.webhookEndpoints.length === 0 ? (
        <EmptyState title="No webhooks yet">
          <p>Register a URL below to hear about requests as they happen.</p>
        </EmptyState>
      ) : (
        <ul className="stack" aria-label="Webhook endpoints">
          {data.webhookEndpoints.map((endpoint) => (
            <li key={endpoint.id} className="card">
              <h3 className="break">{endpoint.url}</h3>
              {endpoint.description && <p>{endpoint.description}</p>}
              <p>
                {endpoint.active ? "Active" : "Paused"} · {endpoint.events.map((e) => EVENT_LABELS[e] ?? e).join(", ")}
              </p>
              <div className="actions">
                <Button
                  variant="quiet"
                  onPress={() => void onToggle(endpoint)}
                  aria-label={`${endpoint.active ? "Pause" : "Resume"} ${endpoint.url}`}
                >
                  {endpoint.active ? "Pause" : "Resume"}
                </Button>
                {confirming === endpoint.id ? (
                  <>
                    <Button
                      variant="secondary"
                      autoFocus
                      onPress={() => {
                        setConfirming(null);
                        void onRemove(endpoint);
                      }}
                      aria-label={`Yes, remove ${endpoint.url} and its delivery log`}
                    >
                      Yes, remove
                    </Button>
                    <Button variant="quiet" onPress={() => setConfirming(null)} aria-label={`Keep ${endpoint.url}`}>
                      Keep it
                    </Button>
                  </>
                ) : (
                  <Button variant="quiet" onPress={() => setConfirming(endpoint.id)} aria-label={`Remove ${endpoint.url}`}>
                    Remove
                  </Button>
                )}
              </div>
              <Deliveries endpoint={endpoint} say={say} />
            </li>
          ))}
        </ul>
      )}
      <RegisterForm onCreated={(url, value) => setSecret({ url, value })} say={say} />
    </section>
  );
}

function Deliveries({ endpoint, say }: { endpoint: Endpoint; say: (message: string, tone: "error" | "info") => void }) {
  const { data, error, loading, refetch } = useQuery(AdminWebhookDeliveriesDocument, { variables: { endpointId: endpoint.id, first: 10 } });
  const [replay] = useMutation(AdminReplayWebhookDeliveryDocument);
  const deliveries = data?.webhookDeliveries.edges.map((e) => e.node) ?? [];

  async function onReplay(id: string, event: WebhookEvent) {
    try {
      await replay({ variables: { deliveryId: id } });
      await refetch();
      say(`The “${EVENT_LABELS[event] ?? event}” event is sent again.`, "info");
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }

  if (error && !data) return <ErrorState error={error} title="We couldn't load the deliveries" onRetry={() => void refetch()} />;
  if (!data) return loading ? <Loading label="Loading deliveries…" /> : null;
  if (deliveries.length === 0) return <p>No deliveries yet.</p>;
  return (
    <div className="table-wrap" role="region" aria-label={`Recent deliveries to ${endpoint.url}`} tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Sent</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Response</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id}>
              <th scope="row">{EVENT_LABELS[d.event] ?? d.event}</th>
              <td>{when(d.lastAttemptAt ?? d.createdAt)}</td>
              <td>{STATE_LABELS[d.state]}</td>
              <td>{d.attempts}</td>
              <td>{d.lastStatus ?? (d.lastError ? `No answer: ${d.lastError}` : "—")}</td>
              <td>
                <Button
                  variant="quiet"
                  onPress={() => void onReplay(d.id, d.event)}
                  aria-label={`Send “${EVENT_LABELS[d.event] ?? d.event}” again`}
                >
                  Send again
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RegisterForm({
  onCreated,
  say,
}: {
  onCreated: (url: string, secret: string) => void;
  say: (m: string, t: "error" | "info") => void;
}) {
  const form = useDraftForm(
    "webhook-endpoint",
    { url: "", description: "", events: [] as WebhookEvent[] },
    {
      url: (v) => webhookUrlProblem(String(v)),
      description: (v) => (String(v).length > 200 ? "Use at most 200 characters." : null),
      events: (v) => ((v as WebhookEvent[]).length ? null : "Choose at least one event."),
    },
  );
  const [create, creating] = useMutation(AdminCreateWebhookEndpointDocument, { refetchQueries: [AdminWebhookEndpointsDocument] });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (form.validateAll()) return;
    try {
      const input = { url: form.values.url.trim(), description: form.values.description.trim() || null, events: form.values.events };
      const result = await create({ variables: { input } });
      if (result.data) onCreated(result.data.createWebhookEndpoint.endpoint.url, result.data.createWebhookEndpoint.secret);
      form.reset({ url: "", description: "", events: [] });
      say("The webhook is registered. Copy its signing secret now: it is shown only once.", "info");
    } catch (failure) {
      const described = describeError(failure);
      if (described.code === "WEBHOOK_URL_INVALID" || described.code === "WEBHOOK_URL_PRIVATE")
        form.setServerErrors({ url: described.message });
      say(`${described.message} What you entered is kept.`, "error");
    }
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label="Register a webhook">
      <h3>Register a webhook</h3>
      <TextField
        {...form.fieldProps("url")}
        type="url"
        label="URL"
        description="Where Infoview POSTs the events, e.g. https://sis.example.edu/infoview"
      />
      <TextField {...form.fieldProps("description")} label="Description (optional)" />
      <CheckboxGroup
        label="Events"
        options={EVENTS.map((e) => ({ id: e, name: EVENT_LABELS[e] }))}
        value={form.values.events}
        onChange={(v) => form.set("events", v as WebhookEvent[])}
        errorMessage={form.errors.events}
      />
      <div className="actions">
        <Button type="submit" busyLabel={creating.loading ? "Registering…" : null}>
          Register webhook
        </Button>
      </div>
    </form>
  );
}
