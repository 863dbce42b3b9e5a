import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { isNotAvailableYet } from "../../../lib/not-available";
import { useDraftForm } from "../../../lib/use-saved-draft";
import { Alert } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { CheckboxField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import {
  ApiKeysDocument,
  CreateApiKeyDocument,
  RevokeApiKeyDocument,
  RotateApiKeyDocument,
  SCOPE_LABELS,
  type ApiKey,
  type ApiKeyScope,
} from "../api-keys";

const SCOPES = Object.keys(SCOPE_LABELS) as ApiKeyScope[];
const dateOf = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" }) : "Never";

/** API keys for campus systems (and, later, webhooks); says plainly when this server has none yet. */
export function IntegrationsPage() {
  const { data, loading, error, refetch } = useQuery(ApiKeysDocument);
  const unavailable = error && isNotAvailableYet(error);
  return (
    <div className="page">
      <PageHeading title="Integrations">Integrations</PageHeading>
      <section className="card" aria-labelledby="keys-heading">
        <h2 id="keys-heading">API keys</h2>
        {unavailable ? (
          <div className="state state-empty">
            <p className="state-title">API keys are not available yet</p>
            <p>This Infoview server doesn't offer API keys yet. They will appear here once your institution's server is updated.</p>
          </div>
        ) : error && !data ? (
          <ErrorState error={error} title="We couldn't load the API keys" onRetry={() => void refetch()} />
        ) : !data ? (
          loading && <Loading label="Loading API keys…" />
        ) : (
          <ApiKeys keys={data.apiKeys} />
        )}
      </section>
      <section className="card" aria-labelledby="import-heading">
        <h2 id="import-heading">Webhooks and CSV import</h2>
        <p>
          Webhooks for campus systems and importing students and alumni from a CSV file (with a progress bar and a report of rows to fix)
          are not available yet. Until then, invite people one at a time on the People page.
        </p>
      </section>
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
  const [status, setStatus] = useState<{ message: string; tone: "error" | "info"; n: number } | null>(null);
  const say = (message: string, tone: "error" | "info") => setStatus((p) => ({ message, tone, n: (p?.n ?? 0) + 1 }));

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
                  <td>{dateOf(key.lastUsedAt)}</td>
                  <td>{key.revokedAt ? `Revoked ${dateOf(key.revokedAt)}` : "Active"}</td>
                  <td>
                    {!key.revokedAt && (
                      <div className="actions">
                        <Button variant="quiet" onPress={() => void act("rotate", key)} aria-label={`Rotate “${key.name}”`}>
                          Rotate
                        </Button>
                        <Button variant="quiet" onPress={() => void act("revoke", key)} aria-label={`Revoke “${key.name}”`}>
                          Revoke
                        </Button>
                      </div>
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
