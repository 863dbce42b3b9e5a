import { SAML, ValidateInResponseTo, type CacheProvider } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import { SsoFailure } from "./identity.errors";

const SAML_ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
/** The clock difference we tolerate between the IdP and us (the issue asks for 60 s). */
export const CLOCK_SKEW_MS = 60_000;

export interface SamlSettings {
  /** Our SP entity id (the metadata URL) — also the audience we require. */
  entityId: string;
  acsUrl: string;
  idpEntityId: string;
  idpSsoUrl: string;
  idpCerts: string[];
  spPrivateKey: string | null;
  spCertificate: string | null;
}

/** Where the SAML request ids we sent are kept (sso_login_states), for InResponseTo. */
export interface RequestIdStore {
  /** Whether we sent this request id (not expired); used or not is checked after the assertion is read. */
  sent(requestId: string): Promise<boolean>;
}

export interface SamlAssertion {
  nameId: string;
  attributes: Record<string, string[]>;
  assertionId: string;
  requestId: string;
  notOnOrAfter: Date | null;
}

function samlOf(settings: SamlSettings, cacheProvider: CacheProvider): SAML {
  const pem = (c: string) => `-----BEGIN CERTIFICATE-----\n${c.match(/.{1,64}/g)?.join("\n")}\n-----END CERTIFICATE-----`;
  return new SAML({
    issuer: settings.entityId,
    callbackUrl: settings.acsUrl,
    entryPoint: settings.idpSsoUrl,
    idpIssuer: settings.idpEntityId,
    idpCert: settings.idpCerts.map(pem),
    audience: settings.entityId,
    // Signed response or signed assertion, at least one (node-saml 5.1 then reads identity only from the signed bytes).
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: 10 * 60_000,
    cacheProvider,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    ...(settings.spPrivateKey ? { privateKey: settings.spPrivateKey, signatureAlgorithm: "sha256" as const } : {}),
  });
}

/** The redirect to the IdP with a fresh AuthnRequest; reports the request id so it can be kept for InResponseTo. */
export async function startSaml(settings: SamlSettings, relayState: string): Promise<{ url: string; requestId: string }> {
  let requestId: string | null = null;
  const capture: CacheProvider = {
    saveAsync: async (key, value) => {
      requestId = key;
      return { value, createdAt: Date.now() };
    },
    getAsync: async () => null,
    removeAsync: async () => null,
  };
  const url = await samlOf(settings, capture).getAuthorizeUrlAsync(relayState, undefined, {});
  if (!requestId) throw new SsoFailure("SSO_RESPONSE_INVALID", "no request id");
  return { url, requestId };
}

/** Checks a POSTed SAMLResponse: signatures, issuer, audience, times, InResponseTo; then the recipient, from the signed bytes. */
export async function finishSaml(settings: SamlSettings, samlResponse: string, requests: RequestIdStore): Promise<SamlAssertion> {
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SsoFailure("SSO_XML_FORBIDDEN");
  let requestId = "";
  const store: CacheProvider = {
    saveAsync: async () => null,
    getAsync: async (key) => {
      if (!(await requests.sent(key))) return null;
      requestId = key;
      return new Date().toISOString();
    },
    removeAsync: async () => null,
  };
  let assertionXml: string;
  let profile;
  try {
    ({ profile } = await samlOf(settings, store).validatePostResponseAsync({ SAMLResponse: samlResponse }));
    if (!profile?.getAssertionXml) throw new Error("no assertion");
    assertionXml = profile.getAssertionXml();
  } catch (error) {
    throw samlFailure(error);
  }
  // node-saml does not check the recipient: read it from the verified assertion.
  const doc = new DOMParser().parseFromString(assertionXml, "text/xml");
  const assertion = doc.documentElement;
  const confirmations = Array.from(doc.getElementsByTagNameNS(SAML_ASSERTION, "SubjectConfirmationData"));
  if (confirmations.length === 0 || confirmations.some((c) => c.getAttribute("Recipient") !== settings.acsUrl)) {
    throw new SsoFailure("SSO_RECIPIENT_MISMATCH", confirmations[0]?.getAttribute("Recipient") ?? null);
  }
  const assertionId = assertion?.getAttribute("ID");
  if (!assertionId || !requestId) throw new SsoFailure("SSO_RESPONSE_INVALID", "assertion without ID or InResponseTo");
  const conditions = doc.getElementsByTagNameNS(SAML_ASSERTION, "Conditions")[0];
  const notOnOrAfter = conditions?.getAttribute("NotOnOrAfter") ?? confirmations[0].getAttribute("NotOnOrAfter");
  return {
    nameId: profile.nameID,
    attributes: attributesOf(doc),
    assertionId,
    requestId,
    notOnOrAfter: notOnOrAfter ? new Date(notOnOrAfter) : null,
  };
}

/** Attributes keyed by Name and by FriendlyName (Shibboleth sends urn:oid names with friendly names beside them). */
function attributesOf(doc: Document): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const attribute of Array.from(doc.getElementsByTagNameNS(SAML_ASSERTION, "Attribute"))) {
    const values = Array.from(attribute.getElementsByTagNameNS(SAML_ASSERTION, "AttributeValue")).map((v) => (v.textContent ?? "").trim());
    for (const key of [attribute.getAttribute("Name"), attribute.getAttribute("FriendlyName")]) {
      if (key) out[key] = [...(out[key] ?? []), ...values];
    }
  }
  return out;
}

/** Our SP metadata, published at a stable URL for the IdP's administrators. */
export function spMetadata(settings: SamlSettings): string {
  const noop: CacheProvider = { saveAsync: async () => null, getAsync: async () => null, removeAsync: async () => null };
  return samlOf(settings, noop).generateServiceProviderMetadata(null, settings.spCertificate);
}

export function samlFailure(error: unknown): SsoFailure {
  if (error instanceof SsoFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/InResponseTo/i.test(message)) return new SsoFailure("SSO_UNSOLICITED");
  if (/signature|signed data|No response found/i.test(message)) return new SsoFailure("SSO_SIGNATURE_INVALID");
  // "No valid subject confirmation": every SubjectConfirmationData is outside its NotBefore/NotOnOrAfter.
  if (/expired|not yet valid|no valid subject confirmation/i.test(message)) return new SsoFailure("SSO_ASSERTION_EXPIRED");
  if (/audience/i.test(message)) return new SsoFailure("SSO_AUDIENCE_MISMATCH");
  if (/issuer/i.test(message)) return new SsoFailure("SSO_ISSUER_MISMATCH");
  if (/status code/i.test(message)) return new SsoFailure("SSO_IDP_ERROR", message.slice(0, 200));
  if (/DOCTYPE|entity/i.test(message)) return new SsoFailure("SSO_XML_FORBIDDEN");
  return new SsoFailure("SSO_RESPONSE_INVALID", message.slice(0, 200));
}

/** Friendly names and their OIDs, so an admin may write either. */
export const SAML_ATTRIBUTE_ALIASES: Record<string, string> = {
  eduPersonPrincipalName: "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",
  mail: "urn:oid:0.9.2342.19200300.100.1.3",
  employeeNumber: "urn:oid:2.16.840.1.113730.3.1.3",
  displayName: "urn:oid:2.16.840.1.113730.3.1.241",
  givenName: "urn:oid:2.5.4.42",
  sn: "urn:oid:2.5.4.4",
  uid: "urn:oid:0.9.2342.19200300.100.1.1",
};
