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
import { t, translatedLabels } from "../../../i18n";

type Kind = "OIDC" | "SAML";

const MATCH_HINT: Record<Kind, string> = translatedLabels({
  OIDC: "admin.providerForm.matchHintOidc",
  SAML: "admin.providerForm.matchHintSaml",
});

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
        onDone(t("admin.providerForm.saved", { name: input.name }));
      } else {
        await add({ variables: { input: { ...input, kind } } });
        onDone(t("admin.providerForm.added", { name: input.name }));
      }
    } catch (error) {
      setFailure((previous) => ({ message: describeError(error).message, n: (previous?.n ?? 0) + 1 }));
    }
  }

  return (
    <form
      className="form card"
      noValidate
      onSubmit={onSubmit}
      aria-label={provider ? t("admin.providerForm.editName", { name: provider.name }) : t("admin.providerForm.addAnIdentity")}
    >
      <h2>{provider ? t("admin.providerForm.editName", { name: provider.name }) : t("admin.providerForm.addAnIdentity")}</h2>
      <Alert announcementKey={failure?.n}>{failure?.message}</Alert>
      {!provider && (
        <SelectField
          label={t("admin.providerForm.protocol")}
          value={kind}
          onChange={(value) => setKind(value as Kind)}
          options={[
            { value: "OIDC", label: t("admin.providerForm.oidcOption") },
            { value: "SAML", label: t("admin.providerForm.samlOption") },
          ]}
        />
      )}
      <TextField
        label={t("admin.providerForm.buttonName")}
        description={t("admin.providerForm.shownAsSign")}
        value={values.name}
        onChange={set("name")}
        isRequired
      />
      <TextField
        label={t("admin.providerForm.emailDomains")}
        description={t("admin.providerForm.addressesAtThese")}
        value={values.emailDomains}
        onChange={set("emailDomains")}
      />
      <TextField
        label={t("admin.providerForm.matchPeopleBy")}
        description={MATCH_HINT[kind]}
        value={values.matchAttribute}
        onChange={set("matchAttribute")}
      />
      <Checkbox isSelected={matchByVerifiedEmail} onChange={setMatchByVerifiedEmail}>
        {t("admin.providerForm.alsoMatchBy")}
      </Checkbox>
      <SelectField
        label={t("admin.providerForm.createPeopleOn")}
        description={t("admin.providerForm.offOnlyPeople")}
        value={values.createPeopleRole}
        onChange={set("createPeopleRole")}
        options={[
          { value: "", label: t("admin.providerForm.off") },
          ...ROLE_ORDER.map((role) => ({ value: role, label: t("admin.providerForm.asRole", { role: ROLE_LABELS[role].toLowerCase() }) })),
        ]}
      />
      {kind === "OIDC" ? (
        <>
          <TextField
            label={t("admin.providerForm.issuerURL")}
            description={t("admin.providerForm.discoveryReadsIssuer")}
            value={values.oidcIssuer}
            onChange={set("oidcIssuer")}
          />
          <TextField label={t("admin.providerForm.clientID")} value={values.oidcClientId} onChange={set("oidcClientId")} />
          <TextField
            label={t("admin.providerForm.clientSecret")}
            type="password"
            autoComplete="off"
            description={provider?.hasClientSecret ? t("admin.providerForm.aSecretIs") : t("admin.providerForm.neverShownAgain")}
            value={values.oidcClientSecret}
            onChange={set("oidcClientSecret")}
          />
          <TextField
            label={t("admin.providerForm.scopes")}
            description={t("admin.providerForm.spaceSeparatedOpenid")}
            value={values.oidcScopes}
            onChange={set("oidcScopes")}
          />
        </>
      ) : (
        <>
          <TextField
            label={t("admin.providerForm.idpMetadataURL")}
            description={t("admin.providerForm.readWhenYou")}
            value={values.samlMetadataUrl}
            onChange={set("samlMetadataUrl")}
          />
          <TextAreaField
            label={t("admin.providerForm.orTheIdP")}
            value={values.samlMetadataXml}
            onChange={set("samlMetadataXml")}
            rows={4}
          />
          <TextAreaField
            label={t("admin.providerForm.spPrivateKey")}
            description={provider?.hasSpPrivateKey ? t("admin.providerForm.aKeyIs") : t("admin.providerForm.signsOurRequests")}
            value={values.samlSpPrivateKey}
            onChange={set("samlSpPrivateKey")}
            rows={3}
          />
          <TextAreaField
            label={t("admin.providerForm.spCertificatePEM")}
            value={values.samlSpCertificate}
            onChange={set("samlSpCertificate")}
            rows={3}
          />
        </>
      )}
      <div className="actions">
        <Button type="submit" busyLabel={adding.loading || updating.loading ? t("admin.providerForm.saving") : null}>
          {provider ? t("admin.providerForm.save") : t("admin.providerForm.addProvider")}
        </Button>
        <Button variant="quiet" onPress={() => onDone("")}>
          {t("admin.providerForm.cancel")}
        </Button>
      </div>
    </form>
  );
}
