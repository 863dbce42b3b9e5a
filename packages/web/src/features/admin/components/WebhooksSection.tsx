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
import { t, translatedLabels } from "../../../i18n";

export const EVENT_LABELS: Record<WebhookEvent, string> = translatedLabels({
  REQUEST_CREATED: "admin.webhookEvent.requestCreated",
  REQUEST_ACCEPTED: "admin.webhookEvent.requestAccepted",
  REQUEST_DECLINED: "admin.webhookEvent.requestDeclined",
  REQUEST_WITHDRAWN: "admin.webhookEvent.requestWithdrawn",
  REQUEST_CANCELLED: "admin.webhookEvent.requestCancelled",
  REQUEST_TIME_PROPOSED: "admin.webhookEvent.requestTimeProposed",
  REQUEST_COMPLETED: "admin.webhookEvent.requestCompleted",
  REQUEST_NO_SHOW: "admin.webhookEvent.requestNoShow",
  REQUEST_EXPIRED: "admin.webhookEvent.requestExpired",
  CONSENT_GIVEN: "admin.webhookEvent.consentGiven",
  CONSENT_WITHDRAWN: "admin.webhookEvent.consentWithdrawn",
  PERSON_ERASED: "admin.webhookEvent.personErased",
});
const EVENTS = Object.keys(EVENT_LABELS) as WebhookEvent[];
const STATE_LABELS: Record<WebhookDeliveryState, string> = translatedLabels({
  DELIVERED: "admin.webhookState.delivered",
  FAILED: "admin.webhookState.failed",
  PENDING: "admin.webhookState.pending",
});
const when = (iso: string | null) => (iso ? formatTimestamp(iso) : "—");

/** What is wrong with a webhook URL, as the server would judge it (http is refused by production servers). */
export function webhookUrlProblem(raw: string): string | null {
  const value = raw.trim();
  if (!value) return t("admin.webhooksSection.enterUrl");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return t("admin.webhooksSection.fullUrl");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return t("admin.webhooksSection.useHttps");
  if (!url.hostname) return t("admin.webhooksSection.withHost");
  if (url.username || url.password) return t("admin.webhooksSection.noCredentials");
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
      say(t("admin.webhooksSection.removed", { url: endpoint.url }), "info");
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }
  async function onToggle(endpoint: Endpoint) {
    try {
      await update({ variables: { id: endpoint.id, input: { active: !endpoint.active } } });
      say(t("admin.webhooksSection.pausedOrResumed", { paused: String(endpoint.active), url: endpoint.url }), "info");
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }

  return (
    <section className="card" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">{t("admin.webhooksSection.webhooks")}</h2>
      <p>{t("admin.webhooksSection.infoviewSendsEach")}</p>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {secret && (
        <div className="notice">
          <p>
            {t("admin.webhooksSection.signingSecretFor", { url: secret.url })}{" "}
            <code className="break" aria-label={t("admin.webhooksSection.signingSecret")}>
              {secret.value}
            </code>
          </p>
          <Button
            variant="secondary"
            onPress={() => void navigator.clipboard?.writeText(secret.value).then(() => say(t("admin.webhooksSection.copied"), "info"))}
          >
            {t("admin.webhooksSection.copyTheSigning")}
          </Button>
        </div>
      )}
      {error && !data ? (
        <ErrorState error={error} title={t("admin.webhooksSection.weCouldnT")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("admin.webhooksSection.loadingWebhooks")} />
      ) : data.webhookEndpoints.length === 0 ? (
        <EmptyState title={t("admin.webhooksSection.noWebhooksYet")}>
          <p>{t("admin.webhooksSection.registerAURL")}</p>
        </EmptyState>
      ) : (
        <ul className="stack" aria-label={t("admin.webhooksSection.webhookEndpoints")}>
          {data.webhookEndpoints.map((endpoint) => (
            <li key={endpoint.id} className="card">
              <h3 className="break">{endpoint.url}</h3>
              {endpoint.description && <p>{endpoint.description}</p>}
              <p>
                {endpoint.active ? t("admin.webhooksSection.active") : t("admin.webhooksSection.paused")} ·{" "}
                {endpoint.events.map((e) => EVENT_LABELS[e] ?? e).join(", ")}
              </p>
              <div className="actions">
                <Button
                  variant="quiet"
                  onPress={() => void onToggle(endpoint)}
                  aria-label={t("admin.webhooksSection.pauseOrResumeUrl", { active: String(endpoint.active), url: endpoint.url })}
                >
                  {endpoint.active ? t("admin.webhooksSection.pause") : t("admin.webhooksSection.resume")}
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
                      aria-label={t("admin.webhooksSection.yesRemoveUrl", { url: endpoint.url })}
                    >
                      {t("admin.webhooksSection.yesRemove")}
                    </Button>
                    <Button
                      variant="quiet"
                      onPress={() => setConfirming(null)}
                      aria-label={t("admin.webhooksSection.keepUrl", { url: endpoint.url })}
                    >
                      {t("admin.webhooksSection.keepIt")}
                    </Button>
                  </>
                ) : (
                  <Button
                    variant="quiet"
                    onPress={() => setConfirming(endpoint.id)}
                    aria-label={t("admin.webhooksSection.removeUrl", { url: endpoint.url })}
                  >
                    {t("admin.webhooksSection.remove")}
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
      say(t("admin.webhooksSection.sentAgain", { event: EVENT_LABELS[event] ?? event }), "info");
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }

  if (error && !data) return <ErrorState error={error} title={t("admin.webhooksSection.weCouldnT2")} onRetry={() => void refetch()} />;
  if (!data) return loading ? <Loading label={t("admin.webhooksSection.loadingDeliveries")} /> : null;
  if (deliveries.length === 0) return <p>{t("admin.webhooksSection.noDeliveriesYet")}</p>;
  return (
    <div className="table-wrap" role="region" aria-label={t("admin.webhooksSection.recentDeliveries", { url: endpoint.url })} tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("admin.webhooksSection.event")}</th>
            <th scope="col">{t("admin.webhooksSection.sent")}</th>
            <th scope="col">{t("admin.webhooksSection.status")}</th>
            <th scope="col">{t("admin.webhooksSection.attempts")}</th>
            <th scope="col">{t("admin.webhooksSection.response")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("admin.webhooksSection.actions")}</span>
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
              <td>{d.lastStatus ?? (d.lastError ? t("admin.webhooksSection.noAnswer", { error: d.lastError }) : "—")}</td>
              <td>
                <Button
                  variant="quiet"
                  onPress={() => void onReplay(d.id, d.event)}
                  aria-label={t("admin.webhooksSection.sendEventAgain", { event: EVENT_LABELS[d.event] ?? d.event })}
                >
                  {t("admin.webhooksSection.sendAgain")}
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
      description: (v) => (String(v).length > 200 ? t("admin.webhooksSection.atMost200") : null),
      events: (v) => ((v as WebhookEvent[]).length ? null : t("admin.webhooksSection.oneEvent")),
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
      say(t("admin.webhooksSection.theWebhookIs"), "info");
    } catch (failure) {
      const described = describeError(failure);
      if (described.code === "WEBHOOK_URL_INVALID" || described.code === "WEBHOOK_URL_PRIVATE")
        form.setServerErrors({ url: described.message });
      say(t("admin.webhooksSection.enteredKept", { error: described.message }), "error");
    }
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label={t("admin.webhooksSection.registerAWebhook")}>
      <h3>{t("admin.webhooksSection.registerAWebhook")}</h3>
      <TextField
        {...form.fieldProps("url")}
        type="url"
        label={t("admin.webhooksSection.url")}
        description={t("admin.webhooksSection.whereInfoviewPOSTs")}
      />
      <TextField {...form.fieldProps("description")} label={t("admin.webhooksSection.descriptionOptional")} />
      <CheckboxGroup
        label={t("admin.webhooksSection.events")}
        options={EVENTS.map((e) => ({ id: e, name: EVENT_LABELS[e] }))}
        value={form.values.events}
        onChange={(v) => form.set("events", v as WebhookEvent[])}
        errorMessage={form.errors.events}
      />
      <div className="actions">
        <Button type="submit" busyLabel={creating.loading ? t("admin.webhooksSection.registering") : null}>
          {t("admin.webhooksSection.registerWebhook")}
        </Button>
      </div>
    </form>
  );
}
