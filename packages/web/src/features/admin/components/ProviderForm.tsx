import { useMutation } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { Alert } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Checkbox } from "../../../ui/Checkbox";
import { SelectField, TextAreaField } from "../../../ui/NativeFields";
import { TextField } from "../../../ui/TextField";
import type { Role } from "../../../graphql/types.generated";
import { ROLE_LABELS, ROLE_ORDER } from "../../../lib/auth/roles";
import { AddIdentityProviderDocument } from "../graphql/AddIdentityProvider.generated";
import type { IdentityProvidersPage_IdentityProviderFragment as Provider } from "../graphql/IdentityProvidersPage_IdentityProvider.generated";
import { UpdateIdentityProviderDocument } from "../graphql/UpdateIdentityProvider.generated";

type Kind = "OIDC" | "SAML";

const MATCH_HINT: Record<Kind, string> = {
  OIDC: "The ID token claim that holds the roster's external id: sub, oid (Entra ID), employee_id or a custom claim.",
  SAML: "The attribute that holds the roster's external id: eduPersonPrincipalName, employeeNumber, or NameID.",
};

/** Adds a provider, or edits one: secrets are write-only (left empty, the stored one is kept). */
export function ProviderForm({ provider, onDone }: { provider: Provider | null; onDone: (message: string) => void }) {
  const [kind, setKind] = useState<Kind>(provider?.kind ?? "OIDC");
  const [values, setValues] = useState({
    name: provider?.name ?? "",
    emailDomains: provider?.emailDomains.join(", ") ?? "",
    matchAttribute: provider?.matchAttribute ?? "",
    createPeopleRole: provider?.createPeopleRole ?? "",
    oidcIssuer: provider?.oidcIssuer ?? "",
    oidcClientId: provider?.oidcClientId ?? "",
    oidcClientSecret: "",
    oidcScopes: provider?.oidcScopes ?? "",
    samlMetadataUrl: provider?.samlIdpMetadataUrl ?? "",
    samlMetadataXml: "",
    samlSpPrivateKey: "",
    samlSpCertificate: "",
  });
  const [matchByVerifiedEmail, setMatchByVerifiedEmail] = useState(provider?.matchByVerifiedEmail ?? false);
  const [failure, setFailure] = useState<{ message: string; n: number } | null>(null);
  const [add, adding] = useMutation(AddIdentityProviderDocument, { refetchQueries: ["CampusSignInSettings"] });
  const [update, updating] = useMutation(UpdateIdentityProviderDocument);
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const given = (value: string) => (value.trim() ? value.trim() : undefined);
    const input = {
      name: values.name.trim(),
      emailDomains: values.emailDomains
        .split(/[\s,]+/)
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
      matchAttribute: given(values.matchAttribute),
      matchByVerifiedEmail,
      createPeopleRole: (values.createPeopleRole || null) as Role | null,
      ...(kind === "OIDC"
        ? {
            oidcIssuer: given(values.oidcIssuer),
            oidcClientId: given(values.oidcClientId),
            oidcClientSecret: given(values.oidcClientSecret),
            oidcScopes: given(values.oidcScopes),
          }
        : {
            samlMetadataUrl: given(values.samlMetadataUrl),
            samlMetadataXml: given(values.samlMetadataXml),
            samlSpPrivateKey: given(values.samlSpPrivateKey),
            samlSpCertificate: given(values.samlSpCertificate),
          }),
    };
    try {
      if (provider) {
        await update({ variables: { id: provider.id, input } });
        onDone(`Saved “${input.name}”.`);
      } else {
        await add({ variables: { input: { ...input, kind } } });
        onDone(`Added “${input.name}”. It is switched off: test it, then switch it on.`);
      }
    } catch (error) {
      setFailure((previous) => ({ message: describeError(error).message, n: (previous?.n ?? 0) + 1 }));
    }
  }

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-label={provider ? `Edit ${provider.name}` : "Add an identity provider"}>
      <h2>{provider ? `Edit ${provider.name}` : "Add an identity provider"}</h2>
      <Alert announcementKey={failure?.n}>{failure?.message}</Alert>
      {!provider && (
        <SelectField
          label="Protocol"
          value={kind}
          onChange={(value) => setKind(value as Kind)}
          options={[
            { value: "OIDC", label: "OpenID Connect (Entra ID, Google Workspace, Okta, Keycloak)" },
            { value: "SAML", label: "SAML 2.0 (Shibboleth / InCommon, ADFS, Entra ID)" },
          ]}
        />
      )}
      <TextField label="Button name" description="Shown as “Sign in with …”." value={values.name} onChange={set("name")} isRequired />
      <TextField
        label="Email domains"
        description="Addresses at these domains are offered this provider on the sign-in page, e.g. northfield.edu."
        value={values.emailDomains}
        onChange={set("emailDomains")}
      />
      <TextField label="Match people by" description={MATCH_HINT[kind]} value={values.matchAttribute} onChange={set("matchAttribute")} />
      <Checkbox isSelected={matchByVerifiedEmail} onChange={setMatchByVerifiedEmail}>
        Also match by the verified email the provider sends
      </Checkbox>
      <SelectField
        label="Create people on first sign-in"
        description="Off: only people on the roster can sign in."
        value={values.createPeopleRole}
        onChange={set("createPeopleRole")}
        options={[
          { value: "", label: "Off" },
          ...ROLE_ORDER.map((role) => ({ value: role, label: `As ${ROLE_LABELS[role].toLowerCase()}` })),
        ]}
      />
      {kind === "OIDC" ? (
        <>
          <TextField
            label="Issuer URL"
            description="Discovery reads <issuer>/.well-known/openid-configuration."
            value={values.oidcIssuer}
            onChange={set("oidcIssuer")}
          />
          <TextField label="Client ID" value={values.oidcClientId} onChange={set("oidcClientId")} />
          <TextField
            label="Client secret"
            type="password"
            autoComplete="off"
            description={provider?.hasClientSecret ? "A secret is stored. Leave empty to keep it." : "Never shown again once saved."}
            value={values.oidcClientSecret}
            onChange={set("oidcClientSecret")}
          />
          <TextField
            label="Scopes"
            description="Space-separated; openid is always asked for. Default: openid email profile."
            value={values.oidcScopes}
            onChange={set("oidcScopes")}
          />
        </>
      ) : (
        <>
          <TextField
            label="IdP metadata URL"
            description="Read when you save."
            value={values.samlMetadataUrl}
            onChange={set("samlMetadataUrl")}
          />
          <TextAreaField label="Or the IdP metadata XML" value={values.samlMetadataXml} onChange={set("samlMetadataXml")} rows={4} />
          <TextAreaField
            label="SP private key (PEM, optional)"
            description={
              provider?.hasSpPrivateKey ? "A key is stored. Leave empty to keep it." : "Signs our requests. Never shown again once saved."
            }
            value={values.samlSpPrivateKey}
            onChange={set("samlSpPrivateKey")}
            rows={3}
          />
          <TextAreaField
            label="SP certificate (PEM, optional)"
            value={values.samlSpCertificate}
            onChange={set("samlSpCertificate")}
            rows={3}
          />
        </>
      )}
      <div className="actions">
        <Button type="submit" busyLabel={adding.loading || updating.loading ? "Saving…" : null}>
          {provider ? "Save" : "Add provider"}
        </Button>
        <Button variant="quiet" onPress={() => onDone("")}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
