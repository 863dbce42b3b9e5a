import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { useDraftForm } from "../../../lib/use-saved-draft";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { CheckboxField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import type { ApiKeyScope } from "../../../graphql/types.generated";
import {
  AdminApiKeysDocument as ApiKeysDocument,
  AdminCreateApiKeyDocument as CreateApiKeyDocument,
  AdminRevokeApiKeyDocument as RevokeApiKeyDocument,
  AdminRotateApiKeyDocument as RotateApiKeyDocument,
  type Admin_ApiKeyFragment as ApiKey,
} from "../graphql/Integrations.generated";
import { WebhooksSection } from "./WebhooksSection";
import { formatDate, formatTimestamp } from "../../../lib/time";

export const SCOPE_LABELS: Record<ApiKeyScope, string> = {
  PEOPLE_READ: "Read the roster of students and alumni",
  PEOPLE_WRITE: "Create and update students and alumni",
  REPORTS_READ: "Read reports",
  REQUESTS_READ: "Read interview requests",
  WEBHOOKS_MANAGE: "Manage webhooks",
  AUDIT_READ: "Read the audit log",
  CONSENTS_READ: "Read consent records",
};

const SCOPES = Object.keys(SCOPE_LABELS) as ApiKeyScope[];
export const dateOf = (iso: string | null) => (iso ? formatDate(iso) : "Never");
const dateTimeOf = (iso: string | null) => (iso ? formatTimestamp(iso) : "Never");

/** API keys and webhooks for campus systems. */
export function IntegrationsPage() {
  const { data, loading, error, refetch } = useQuery(ApiKeysDocument);
  return (
    <div className="page">
      <PageHeading title="Integrations">Integrations</PageHeading>
      <section className="card" aria-labelledby="keys-heading">
        <h2 id="keys-heading">API keys</h2>
        {error && !data ? (
          <ErrorState error={error} title="We couldn't load the API keys" onRetry={() => void refetch()} />
        ) : !data ? (
          loading && <Loading label="Loading API keys…" />
        ) : (
          <ApiKeys keys={data.apiKeys} />
        )}
      </section>
      <WebhooksSection />
    </div>
  );
}

function ApiKeys({ keys }: { keys: ApiKey[] }) {
  const form = useDraftForm(
    "api-key",
    { name: "", scopes: [] as ApiKeyScope[] },
    {
      name: (v) => (!String(v).trim() ? "Say what the key is for." : String(v).length > 100 ? "Use at most 100 characters." : null),
      scopes: (v) => ((v as ApiKeyScope[]).length ? null : "Give the key at least one permission."),
    },
  );
  const [create, creating] = useMutation(CreateApiKeyDocument, { refetchQueries: [ApiKeysDocument] });
  const [rotate] = useMutation(RotateApiKeyDocument, { refetchQueries: [ApiKeysDocument] });
  const [revoke] = useMutation(RevokeApiKeyDocument, { refetchQueries: [ApiKeysDocument] });
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [status, say] = useAnnouncer();
  const [confirming, setConfirming] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (form.validateAll()) return;
    try {
      const result = await create({ variables: { input: { name: form.values.name.trim(), scopes: form.values.scopes } } });
      if (result.data) setSecret({ name: result.data.createApiKey.apiKey.name, value: result.data.createApiKey.secret });
      form.reset({ name: "", scopes: [] });
      say("The key is created. Copy its secret now: it is shown only once.", "info");
    } catch (failure) {
      say(`${describeError(failure).message} What you entered is kept.`, "error");
    }
  }

  async function act(kind: "rotate" | "revoke", key: ApiKey) {
    try {
      if (kind === "rotate") {
        const result = await rotate({ variables: { id: key.id } });
        if (result.data) setSecret({ name: key.name, value: result.data.rotateApiKey.secret });
        say(`“${key.name}” has a new secret; the old one stopped working.`, "info");
      } else {
        await revoke({ variables: { id: key.id } });
        say(`“${key.name}” is revoked and stopped working.`, "info");
      }
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }

  return (
    <>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {secret && (
        <div className="notice">
          <p>
            Secret for “{secret.name}” (shown only this once):{" "}
            <code className="break" aria-label="Secret">
              {secret.value}
            </code>
          </p>
          <Button variant="secondary" onPress={() => void navigator.clipboard?.writeText(secret.value).then(() => say("Copied.", "info"))}>
            Copy the secret
          </Button>
        </div>
      )}
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet">
          <p>Create one for each system that connects to Infoview, with only the permissions it needs.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap" role="region" aria-label="API keys" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Permissions</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <th scope="row">{key.name}</th>
                  <td>{key.scopes.map((s) => SCOPE_LABELS[s] ?? s).join(", ")}</td>
                  <td>
                    {dateOf(key.createdAt)}
                    {key.rotatedAt && <> (new secret {dateOf(key.rotatedAt)})</>}
                  </td>
                  <td>{dateTimeOf(key.lastUsedAt)}</td>
                  <td>{key.revokedAt ? `Revoked ${dateOf(key.revokedAt)}` : "Active"}</td>
                  <td>
                    {!key.revokedAt && confirming === key.id ? (
                      <div className="actions" role="group" aria-label={`Revoke “${key.name}”? It stops working at once.`}>
                        <Button
                          variant="secondary"
                          autoFocus
                          onPress={() => {
                            setConfirming(null);
                            void act("revoke", key);
                          }}
                          aria-label={`Yes, revoke “${key.name}”`}
                        >
                          Yes, revoke
                        </Button>
                        <Button variant="quiet" onPress={() => setConfirming(null)} aria-label={`Keep “${key.name}”`}>
                          Keep it
                        </Button>
                      </div>
                    ) : (
                      !key.revokedAt && (
                        <div className="actions">
                          <Button variant="quiet" onPress={() => void act("rotate", key)} aria-label={`Rotate “${key.name}”`}>
                            Rotate
                          </Button>
                          <Button variant="quiet" onPress={() => setConfirming(key.id)} aria-label={`Revoke “${key.name}”`}>
                            Revoke
                          </Button>
                        </div>
                      )
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Create an API key">
        <h3>Create a key</h3>
        <TextField {...form.fieldProps("name")} label="What it's for" description="e.g. Student information system nightly sync" />
        <fieldset className="fieldset" aria-describedby={form.errors.scopes ? "scopes-error" : undefined}>
          <legend className="field-label">Permissions</legend>
          {SCOPES.map((scope) => (
            <CheckboxField
              key={scope}
              label={SCOPE_LABELS[scope]}
              checked={form.values.scopes.includes(scope)}
              onChange={(on) => form.set("scopes", on ? [...form.values.scopes, scope] : form.values.scopes.filter((s) => s !== scope))}
            />
          ))}
          {form.errors.scopes && (
            <span id="scopes-error" className="field-error">
              {form.errors.scopes}
            </span>
          )}
        </fieldset>
        <div className="actions">
          <Button type="submit" busyLabel={creating.loading ? "Creating…" : null}>
            Create key
          </Button>
        </div>
      </form>
    </>
  );
}
