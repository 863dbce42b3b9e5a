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
      <PageHeading title="Campus sign-in">Campus sign-in</PageHeading>
      <p className="lede">
        Let students and staff sign in with their campus account (SAML or OpenID Connect). Test a provider before switching it on, and
        switch it on before requiring it. See <Link to="/admin/sign-in-log">the sign-in log</Link> for every sign-in and change.
      </p>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {error && !data ? (
        <ErrorState error={error} title="We couldn't load campus sign-in" onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label="Loading campus sign-in…" />
      ) : (
        <>
          <section aria-labelledby="providers-heading">
            <h2 id="providers-heading">Identity providers</h2>
            {data.identityProviders.length === 0 ? (
              <EmptyState title="No identity provider yet">
                <p>Add your institution's SAML or OpenID Connect provider. docs/sso.md explains what to give your IT team.</p>
              </EmptyState>
            ) : (
              <div className="table-wrap" role="region" aria-label="Identity providers list" tabIndex={0}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Protocol</th>
                      <th scope="col">Status</th>
                      <th scope="col">Give your IdP</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.identityProviders.map((p) => (
                      <tr key={p.id}>
                        <th scope="row">{p.name}</th>
                        <td>{p.kind === "OIDC" ? "OpenID Connect" : "SAML 2.0"}</td>
                        <td>{p.enabled ? "On" : "Off"}</td>
                        <td>
                          {p.kind === "OIDC" ? (
                            <>
                              Redirect URI: <code className="break">{p.callbackUrl}</code>
                            </>
                          ) : (
                            <>
                              Entity ID and metadata: <code className="break">{p.spEntityId}</code>
                              <br />
                              ACS: <code className="break">{p.callbackUrl}</code>
                            </>
                          )}
                        </td>
                        <td>
                          <div className="actions">
                            <Button
                              variant="quiet"
                              aria-label={`Test ${p.name}`}
                              onPress={() =>
                                void act("", async () => {
                                  const result = await test({ variables: { id: p.id } });
                                  if (result.data) setTestUrl({ id: p.id, url: result.data.testIdentityProvider.url });
                                })
                              }
                            >
                              Test
                            </Button>
                            <Button
                              variant="quiet"
                              aria-label={`${p.enabled ? "Switch off" : "Switch on"} ${p.name}`}
                              onPress={() =>
                                void act(p.enabled ? `${p.name} is off.` : `${p.name} is on.`, () =>
                                  setEnabled({ variables: { id: p.id, enabled: !p.enabled } }),
                                )
                              }
                            >
                              {p.enabled ? "Switch off" : "Switch on"}
                            </Button>
                            <Button variant="quiet" aria-label={`Edit ${p.name}`} onPress={() => setEditing(p)}>
                              Edit
                            </Button>
                            <Button
                              variant="quiet"
                              aria-label={`Remove ${p.name}`}
                              onPress={() => void act(`Removed ${p.name}.`, () => remove({ variables: { id: p.id } }))}
                            >
                              Remove
                            </Button>
                          </div>
                          {testUrl?.id === p.id && (
                            <p>
                              <a href={testUrl.url} target="_blank" rel="noreferrer">
                                Open the test sign-in for {p.name}
                              </a>{" "}
                              (new tab): it shows what the provider sends and whom it matches, and signs nobody in.
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
                <Button onPress={() => setEditing("new")}>Add an identity provider</Button>
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
      <h2 id="enforcement-heading">Who must use campus sign-in</h2>
      <p>People in the roles you tick can no longer sign in with a password or an email link here. Alumni usually keep email sign-in.</p>
      <Alert announcementKey={failure?.n}>{failure?.message}</Alert>
      <CheckboxGroup
        label="Roles that must use campus sign-in"
        options={ROLE_ORDER.map((role) => ({ id: role, name: ROLE_LABELS[role] }))}
        value={roles}
        onChange={setRoles}
      />
      <div className="actions">
        <Button
          busyLabel={loading ? "Saving…" : null}
          onPress={() =>
            void save({ variables: { roles: roles as Role[] } }).then(
              () =>
                onSaved(
                  roles.length ? "Campus sign-in is now required for the roles ticked." : "Nobody is required to use campus sign-in.",
                ),
              (error) => setFailure((p) => ({ message: describeError(error).message, n: (p?.n ?? 0) + 1 })),
            )
          }
        >
          Save requirement
        </Button>
      </div>
    </section>
  );
}
