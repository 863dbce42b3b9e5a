import { DOMParser } from "@xmldom/xmldom";
import { providerConfigInvalid } from "./identity.errors";

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  /** Signing certificates, base64 DER as in the metadata (several during the IdP's own key rollover). */
  certificates: string[];
}

/**
 * Reads what we need from an IdP's metadata: entity id, the HTTP-Redirect SingleSignOnService, signing certificates.
 * A DOCTYPE is refused outright (no entities, no DTD), as node-saml does for responses.
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw providerConfigInvalid("The metadata contains a DOCTYPE or entity, which we do not accept.");
  let errors = 0;
  const doc = new DOMParser({
    errorHandler: { error: () => errors++, fatalError: () => errors++, warning: () => undefined },
  }).parseFromString(xml, "text/xml");
  if (errors > 0 || !doc?.documentElement) throw providerConfigInvalid("The metadata is not well-formed XML.");
  const descriptors = Array.from(doc.getElementsByTagNameNS(MD, "EntityDescriptor"));
  const entity = descriptors.find((e) => e.getElementsByTagNameNS(MD, "IDPSSODescriptor").length > 0);
  const idp = entity?.getElementsByTagNameNS(MD, "IDPSSODescriptor")[0];
  const entityId = entity?.getAttribute("entityID");
  if (!entity || !idp || !entityId) throw providerConfigInvalid("The metadata describes no identity provider (IDPSSODescriptor).");
  const sso = Array.from(idp.getElementsByTagNameNS(MD, "SingleSignOnService")).find((s) => s.getAttribute("Binding") === REDIRECT);
  const ssoUrl = sso?.getAttribute("Location");
  if (!ssoUrl) throw providerConfigInvalid("The metadata has no SingleSignOnService with the HTTP-Redirect binding.");
  const certificates = Array.from(idp.getElementsByTagNameNS(MD, "KeyDescriptor"))
    .filter((k) => (k.getAttribute("use") ?? "signing") === "signing")
    .flatMap((k) => Array.from(k.getElementsByTagNameNS(DS, "X509Certificate")))
    .map((c) => (c.textContent ?? "").replace(/\s+/g, ""))
    .filter(Boolean);
  if (certificates.length === 0) throw providerConfigInvalid("The metadata has no signing certificate.");
  return { entityId, ssoUrl, certificates: [...new Set(certificates)] };
}
