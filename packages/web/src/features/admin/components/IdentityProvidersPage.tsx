import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import type { Role } from "../../../graphql/types.generated";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { CheckboxGroup } from "../../../ui/Checkbox";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { ROLE_LABELS, ROLE_ORDER } from "../../../lib/auth/roles";
import { CampusSignInSettingsDocument } from "../graphql/CampusSignInSettings.generated";
import type { IdentityProvidersPage_IdentityProviderFragment as Provider } from "../graphql/IdentityProvidersPage_IdentityProvider.generated";
import { RemoveIdentityProviderDocument } from "../graphql/RemoveIdentityProvider.generated";
import { SetIdentityProviderEnabledDocument } from "../graphql/SetIdentityProviderEnabled.generated";
import { SetSsoEnforcementDocument } from "../graphql/SetSsoEnforcement.generated";
import { TestIdentityProviderDocument } from "../graphql/TestIdentityProvider.generated";
import { ProviderForm } from "./ProviderForm";
import { rich, t } from "../../../i18n";

/** Protocol names, the same in every language. */
const PROTOCOL_NAMES: Record<string, string> = { OIDC: "OpenID Connect", SAML: "SAML 2.0" };

/** The institution's identity providers: add, edit, test, switch on; then which roles must use them. */
export function IdentityProvidersPage() {
  const { data, loading, error, refetch } = useQuery(CampusSignInSettingsDocument);
  const [status, say] = useAnnouncer();
  const [editing, setEditing] = useState<Provider | "new" | null>(null);
  const [testUrl, setTestUrl] = useState<{ id: string; url: string } | null>(null);
  const [setEnabled] = useMutation(SetIdentityProviderEnabledDocument, { refetchQueries: ["CampusSignInSettings"] });
  const [remove] = useMutation(RemoveIdentityProviderDocument, { refetchQueries: ["CampusSignInSettings"] });
  const [test] = useMutation(TestIdentityProviderDocument);

  const act = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      say(what, "info");
    } catch (failure) {
      say(describeError(failure).message);
    }
  };

  return (
    <div className="page">
      <PageHeading title={t("admin.identityProviders.campusSignIn")}>{t("admin.identityProviders.campusSignIn")}</PageHeading>
      <p className="lede">
        {rich("admin.identityProviders.letStudentsAnd", { link: (chunks) => <Link to="/admin/sign-in-log">{chunks}</Link> })}
      </p>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {error && !data ? (
        <ErrorState error={error} title={t("admin.identityProviders.weCouldnT")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("admin.identityProviders.loadingCampusSign")} />
      ) : (
        <>
          <section aria-labelledby="providers-heading">
            <h2 id="providers-heading">{t("admin.identityProviders.identityProviders")}</h2>
            {data.identityProviders.length === 0 ? (
              <EmptyState title={t("admin.identityProviders.noIdentityProvider")}>
                <p>{t("admin.identityProviders.addYourInstitution")}</p>
              </EmptyState>
            ) : (
              <div className="table-wrap" role="region" aria-label={t("admin.identityProviders.identityProvidersList")} tabIndex={0}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("admin.identityProviders.name")}</th>
                      <th scope="col">{t("admin.identityProviders.protocol")}</th>
                      <th scope="col">{t("admin.identityProviders.status")}</th>
                      <th scope="col">{t("admin.identityProviders.giveYourIdP")}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t("admin.identityProviders.actions")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.identityProviders.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">{p.name}</th>
                        <td>{PROTOCOL_NAMES[p.kind]}</td>
                        <td>{p.enabled ? t("admin.identityProviders.on") : t("admin.identityProviders.off")}</td>
                        <td>
                          {p.kind === "OIDC" ? (
                            <>
                              {t("admin.identityProviders.redirectURI")} <code className="break">{p.callbackUrl}</code>
                            </>
                          ) : (
                            <>
                              {t("admin.identityProviders.entityIDAnd")} <code className="break">{p.spEntityId}</code>
                              <br />
                              {t("admin.identityProviders.acs")} <code className="break">{p.callbackUrl}</code>
                            </>
                          )}
                        </td>
                        <td>
                          <div className="actions">
                            <Button
                              variant="quiet"
                              aria-label={t("admin.identityProviders.testName", { name: p.name })}
                              onPress={() =>
                                void act("", async () => {
                                  const result = await test({ variables: { id: p.id } });
                                  if (result.data) setTestUrl({ id: p.id, url: result.data.testIdentityProvider.url });
                                })
                              }
                            >
                              {t("admin.identityProviders.test")}
                            </Button>
                            <Button
                              variant="quiet"
                              aria-label={t("admin.identityProviders.switchName", { on: String(p.enabled), name: p.name })}
                              onPress={() =>
                                void act(t("admin.identityProviders.isNow", { on: String(!p.enabled), name: p.name }), () =>
                                  setEnabled({ variables: { id: p.id, enabled: !p.enabled } }),
                                )
                              }
                            >
                              {p.enabled ? t("admin.identityProviders.switchOff") : t("admin.identityProviders.switchOn")}
                            </Button>
                            <Button
                              variant="quiet"
                              aria-label={t("admin.identityProviders.editName", { name: p.name })}
                              onPress={() => setEditing(p)}
                            >
                              {t("admin.identityProviders.edit")}
                            </Button>
                            <Button
                              variant="quiet"
                              aria-label={t("admin.identityProviders.removeName", { name: p.name })}
                              onPress={() =>
                                void act(t("admin.identityProviders.removed", { name: p.name }), () => remove({ variables: { id: p.id } }))
                              }
                            >
                              {t("admin.identityProviders.remove")}
                            </Button>
                          </div>
                          {testUrl?.id === p.id && (
                            <p>
                              <a href={testUrl.url} target="_blank" rel="noreferrer">
                                {t("admin.identityProviders.openTheTest", { name: p.name })}
                              </a>{" "}
                              {t("admin.identityProviders.newTabIt")}
                            </p>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {editing ? (
              <ProviderForm
                key={editing === "new" ? "new" : editing.id}
                provider={editing === "new" ? null : editing}
                onDone={(message) => {
                  setEditing(null);
                  if (message) say(message, "info");
                }}
              />
            ) : (
              <div className="actions">
                <Button onPress={() => setEditing("new")}>{t("admin.identityProviders.addAnIdentity")}</Button>
              </div>
            )}
          </section>
          <Enforcement
            key={data.ssoSettings.enforcedRoles.join()}
            enforced={data.ssoSettings.enforcedRoles}
            onSaved={(m) => say(m, "info")}
          />
        </>
      )}
    </div>
  );
}

function Enforcement({ enforced, onSaved }: { enforced: Role[]; onSaved: (message: string) => void }) {
  const [roles, setRoles] = useState<string[]>(enforced);
  const [failure, setFailure] = useState<{ message: string; n: number } | null>(null);
  const [save, { loading }] = useMutation(SetSsoEnforcementDocument, { refetchQueries: ["CampusSignInSettings"] });
  return (
    <section aria-labelledby="enforcement-heading" className="card">
      <h2 id="enforcement-heading">{t("admin.identityProviders.whoMustUse")}</h2>
      <p>{t("admin.identityProviders.peopleInThe")}</p>
      <Alert announcementKey={failure?.n}>{failure?.message}</Alert>
      <CheckboxGroup
        label={t("admin.identityProviders.rolesThatMust")}
        options={ROLE_ORDER.map((role) => ({ id: role, name: ROLE_LABELS[role] }))}
        value={roles}
        onChange={setRoles}
      />
      <div className="actions">
        <Button
          busyLabel={loading ? t("admin.identityProviders.saving") : null}
          onPress={() =>
            void save({ variables: { roles: roles as Role[] } }).then(
              () => onSaved(roles.length ? t("admin.identityProviders.nowRequired") : t("admin.identityProviders.nobodyRequired")),
              (error) => setFailure((p) => ({ message: describeError(error).message, n: (p?.n ?? 0) + 1 })),
            )
          }
        >
          {t("admin.identityProviders.saveRequirement")}
        </Button>
      </div>
    </section>
  );
}
