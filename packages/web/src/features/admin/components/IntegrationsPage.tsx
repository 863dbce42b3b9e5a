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
import { t, translatedLabels } from "../../../i18n";

export const SCOPE_LABELS: Record<ApiKeyScope, string> = translatedLabels({
  PEOPLE_READ: "admin.scope.peopleRead",
  PEOPLE_WRITE: "admin.scope.peopleWrite",
  REPORTS_READ: "admin.scope.reportsRead",
  REQUESTS_READ: "admin.scope.requestsRead",
  WEBHOOKS_MANAGE: "admin.scope.webhooksManage",
  AUDIT_READ: "admin.scope.auditRead",
  CONSENTS_READ: "admin.scope.consentsRead",
});

const SCOPES = Object.keys(SCOPE_LABELS) as ApiKeyScope[];
export const dateOf = (iso: string | null) => (iso ? formatDate(iso) : t("admin.integrations.never"));
const dateTimeOf = (iso: string | null) => (iso ? formatTimestamp(iso) : t("admin.integrations.never"));

/** API keys and webhooks for campus systems. */
export function IntegrationsPage() {
  const { data, loading, error, refetch } = useQuery(ApiKeysDocument);
  return (
    <div className="page">
      <PageHeading title={t("admin.integrations.integrations")}>{t("admin.integrations.integrations")}</PageHeading>
      <section className="card" aria-labelledby="keys-heading">
        <h2 id="keys-heading">{t("admin.integrations.apiKeys")}</h2>
        {error && !data ? (
          <ErrorState error={error} title={t("admin.integrations.weCouldnT")} onRetry={() => void refetch()} />
        ) : !data ? (
          loading && <Loading label={t("admin.integrations.loadingAPIKeys")} />
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
      name: (v) =>
        !String(v).trim() ? t("admin.integrations.sayWhatFor") : String(v).length > 100 ? t("admin.integrations.atMost100") : null,
      scopes: (v) => ((v as ApiKeyScope[]).length ? null : t("admin.integrations.onePermission")),
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
      say(t("admin.integrations.theKeyIs"), "info");
    } catch (failure) {
      say(t("admin.integrations.enteredKept", { error: describeError(failure).message }), "error");
    }
  }

  async function act(kind: "rotate" | "revoke", key: ApiKey) {
    try {
      if (kind === "rotate") {
        const result = await rotate({ variables: { id: key.id } });
        if (result.data) setSecret({ name: key.name, value: result.data.rotateApiKey.secret });
        say(t("admin.integrations.rotated", { name: key.name }), "info");
      } else {
        await revoke({ variables: { id: key.id } });
        say(t("admin.integrations.revoked", { name: key.name }), "info");
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
            {t("admin.integrations.secretFor", { name: secret.name })}{" "}
            <code className="break" aria-label={t("admin.integrations.secret")}>
              {secret.value}
            </code>
          </p>
          <Button
            variant="secondary"
            onPress={() => void navigator.clipboard?.writeText(secret.value).then(() => say(t("admin.integrations.copied"), "info"))}
          >
            {t("admin.integrations.copyTheSecret")}
          </Button>
        </div>
      )}
      {keys.length === 0 ? (
        <EmptyState title={t("admin.integrations.noAPIKeys")}>
          <p>{t("admin.integrations.createOneFor")}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap" role="region" aria-label={t("admin.integrations.apiKeys")} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("admin.integrations.name")}</th>
                <th scope="col">{t("admin.integrations.permissions")}</th>
                <th scope="col">{t("admin.integrations.created")}</th>
                <th scope="col">{t("admin.integrations.lastUsed")}</th>
                <th scope="col">{t("admin.integrations.status")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("admin.integrations.actions")}</span>
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
                    {key.rotatedAt && <> {t("admin.integrations.newSecret", { date: dateOf(key.rotatedAt) })}</>}
                  </td>
                  <td>{dateTimeOf(key.lastUsedAt)}</td>
                  <td>
                    {key.revokedAt ? t("admin.integrations.revokedOn", { date: dateOf(key.revokedAt) }) : t("admin.integrations.active")}
                  </td>
                  <td>
                    {!key.revokedAt && confirming === key.id ? (
                      <div className="actions" role="group" aria-label={t("admin.integrations.confirmRevoke", { name: key.name })}>
                        <Button
                          variant="secondary"
                          autoFocus
                          onPress={() => {
                            setConfirming(null);
                            void act("revoke", key);
                          }}
                          aria-label={t("admin.integrations.yesRevokeName", { name: key.name })}
                        >
                          {t("admin.integrations.yesRevoke")}
                        </Button>
                        <Button
                          variant="quiet"
                          onPress={() => setConfirming(null)}
                          aria-label={t("admin.integrations.keepName", { name: key.name })}
                        >
                          {t("admin.integrations.keepIt")}
                        </Button>
                      </div>
                    ) : (
                      !key.revokedAt && (
                        <div className="actions">
                          <Button
                            variant="quiet"
                            onPress={() => void act("rotate", key)}
                            aria-label={t("admin.integrations.rotateName", { name: key.name })}
                          >
                            {t("admin.integrations.rotate")}
                          </Button>
                          <Button
                            variant="quiet"
                            onPress={() => setConfirming(key.id)}
                            aria-label={t("admin.integrations.revokeName", { name: key.name })}
                          >
                            {t("admin.integrations.revoke")}
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
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t("admin.integrations.createAnAPI")}>
        <h3>{t("admin.integrations.createAKey")}</h3>
        <TextField {...form.fieldProps("name")} label={t("admin.integrations.whatItS")} description={t("admin.integrations.eGStudent")} />
        <fieldset className="fieldset" aria-describedby={form.errors.scopes ? "scopes-error" : undefined}>
          <legend className="field-label">{t("admin.integrations.permissions")}</legend>
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
          <Button type="submit" busyLabel={creating.loading ? t("admin.integrations.creating") : null}>
            {t("admin.integrations.createKey")}
          </Button>
        </div>
      </form>
    </>
  );
}
