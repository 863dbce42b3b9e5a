import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";

const fixture = (name: string) => readFileSync(path.join(__dirname, "fixtures", name), "utf8");
export const IDP_KEY = { key: fixture("saml-idp.key"), cert: fixture("saml-idp.crt") };
export const ROGUE_KEY = { key: fixture("saml-rogue.key"), cert: fixture("saml-rogue.crt") };
export const SP_KEY = { key: fixture("saml-sp.key"), cert: fixture("saml-sp.crt") };

const certBody = (pem: string) => pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
const SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

export interface AuthnRequestSeen {
  id: string;
  acsUrl: string;
  relayState: string | null;
}

export interface ResponseOptions {
  request: AuthnRequestSeen;
  /** Our SP entity id, the audience. */
  audience: string;
  attributes?: Record<string, string>;
  sign?: "assertion" | "response" | "both" | "none";
  key?: { key: string; cert: string };
  inResponseTo?: string;
  recipient?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  assertionId?: string;
  issuer?: string;
}

/**
 * A SAML identity provider for the tests, shaped like Shibboleth: transient NameID, eduPersonPrincipalName and mail
 * under their urn:oid names with friendly names, Response and/or Assertion signed (RSA-SHA256, exclusive c14n) with a
 * test key pair by xml-crypto. It reads our AuthnRequest from the redirect and builds what a browser would post back.
 */
export class SamlTestIdp {
  readonly entityId = "https://idp.test.example/idp/shibboleth";
  readonly ssoUrl = "https://idp.test.example/idp/profile/SAML2/Redirect/SSO";

  metadata(cert = IDP_KEY.cert): string {
    return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${this.entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${this.ssoUrl.replace("Redirect", "POST")}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${this.ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
  }

  /** The AuthnRequest in the redirect our server sent the browser to. */
  readRequest(redirect: string): AuthnRequestSeen {
    const url = new URL(redirect);
    if (url.origin + url.pathname !== this.ssoUrl) throw new Error(`not a redirect to the IdP: ${redirect}`);
    const xml = inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const request = doc.documentElement!;
    return {
      id: request.getAttribute("ID")!,
      acsUrl: request.getAttribute("AssertionConsumerServiceURL")!,
      relayState: url.searchParams.get("RelayState"),
    };
  }

  /** The Response XML, signed as asked. */
  responseXml(o: ResponseOptions): string {
    const now = new Date();
    const iso = (d: Date) => d.toISOString();
    const notBefore = o.notBefore ?? new Date(now.getTime() - 5_000);
    const notOnOrAfter = o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000);
    const recipient = o.recipient ?? o.request.acsUrl;
    const inResponseTo = o.inResponseTo ?? o.request.id;
    const issuer = o.issuer ?? this.entityId;
    const attributes = Object.entries(o.attributes ?? {})
      .map(([friendly, value]) => {
        const oid =
          {
            eduPersonPrincipalName: "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",
            mail: "urn:oid:0.9.2342.19200300.100.1.3",
            displayName: "urn:oid:2.16.840.1.113730.3.1.241",
          }[friendly] ?? friendly;
        return `<saml2:Attribute FriendlyName="${friendly}" Name="${oid}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml2:AttributeValue xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xsd:string" xmlns:xsd="http://www.w3.org/2001/XMLSchema">${value}</saml2:AttributeValue></saml2:Attribute>`;
      })
      .join("");
    const assertion = `<saml2:Assertion xmlns:saml2="${SAML}" ID="${o.assertionId ?? `_${randomUUID().replace(/-/g, "")}`}" IssueInstant="${iso(now)}" Version="2.0"><saml2:Issuer>${issuer}</saml2:Issuer><saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient" NameQualifier="${this.entityId}" SPNameQualifier="${o.audience}">AAdzZWNyZXQx${randomUUID().slice(0, 8)}</saml2:NameID><saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml2:SubjectConfirmationData Address="127.0.0.1" InResponseTo="${inResponseTo}" NotOnOrAfter="${iso(notOnOrAfter)}" Recipient="${recipient}"/></saml2:SubjectConfirmation></saml2:Subject><saml2:Conditions NotBefore="${iso(notBefore)}" NotOnOrAfter="${iso(notOnOrAfter)}"><saml2:AudienceRestriction><saml2:Audience>${o.audience}</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions><saml2:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="_${randomUUID()}"><saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement><saml2:AttributeStatement>${attributes}</saml2:AttributeStatement></saml2:Assertion>`;
    let xml = `<saml2p:Response xmlns:saml2p="${SAMLP}" Destination="${recipient}" ID="_${randomUUID().replace(/-/g, "")}" InResponseTo="${inResponseTo}" IssueInstant="${iso(now)}" Version="2.0"><saml2:Issuer xmlns:saml2="${SAML}">${issuer}</saml2:Issuer><saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>${assertion}</saml2p:Response>`;
    const sign = o.sign ?? "assertion";
    const key = o.key ?? IDP_KEY;
    if (sign === "assertion" || sign === "both") xml = signAt(xml, "Assertion", key);
    if (sign === "response" || sign === "both") xml = signAt(xml, "Response", key);
    return xml;
  }

  /** What the browser posts to our ACS. */
  form(xml: string, relayState: string | null): Record<string, string> {
    return { SAMLResponse: Buffer.from(xml, "utf8").toString("base64"), ...(relayState ? { RelayState: relayState } : {}) };
  }
}

function signAt(xml: string, element: "Assertion" | "Response", key: { key: string; cert: string }): string {
  const signature = new SignedXml({
    privateKey: key.key,
    publicCert: key.cert,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  const target = `//*[local-name(.)='${element}']`;
  signature.addReference({
    xpath: target,
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  signature.computeSignature(xml, { prefix: "ds", location: { reference: `${target}/*[local-name(.)='Issuer']`, action: "after" } });
  return signature.getSignedXml();
}

/**
 * XML signature wrapping: the known XSW shapes (McIntosh & Austel; Somorovsky et al., "On Breaking SAML"), each moving
 * the genuinely signed element somewhere a naive verifier would still find it while an evil, unsigned copy carries
 * the identity. `signed` is a Response whose Assertion (XSW3–8) or whole Response (XSW1–2) is signed.
 */
export function wrapSignature(signed: string, variant: string, evilPrincipal: string): string {
  const doc = new DOMParser().parseFromString(signed, "text/xml");
  const response = doc.documentElement!;
  const assertion = doc.getElementsByTagNameNS(SAML, "Assertion")[0];
  const evilFrom = (node: Element) => {
    const evil = node.cloneNode(true) as Element;
    evil.setAttribute("ID", `_evil${randomUUID().replace(/-/g, "")}`);
    for (const value of Array.from(evil.getElementsByTagNameNS(SAML, "AttributeValue"))) {
      if ((value.parentNode as Element).getAttribute("FriendlyName") === "eduPersonPrincipalName") value.textContent = evilPrincipal;
    }
    return evil;
  };
  const dropSignature = (node: Element) => {
    for (const child of Array.from(node.childNodes)) if ((child as Element).localName === "Signature") node.removeChild(child);
  };
  switch (variant) {
    case "XSW1": {
      // Evil response on top; the signed original response tucked inside the evil response's Signature.
      const evil = evilFrom(response);
      const signature = Array.from(evil.childNodes).find((c) => (c as Element).localName === "Signature") as Element;
      const object = doc.createElementNS("http://www.w3.org/2000/09/xmldsig#", "ds:Object");
      object.appendChild(response.cloneNode(true));
      signature.appendChild(object);
      return new XMLSerializer().serializeToString(evil);
    }
    case "XSW2": {
      // Evil response with the signed original as a detached sibling inside it (no Signature on the evil one).
      const evil = evilFrom(response);
      dropSignature(evil);
      evil.insertBefore(response.cloneNode(true), evil.firstChild);
      return new XMLSerializer().serializeToString(evil);
    }
    case "XSW3": {
      // Evil assertion placed before the signed one.
      const evil = evilFrom(assertion);
      dropSignature(evil);
      response.insertBefore(evil, assertion);
      break;
    }
    case "XSW4": {
      // Evil assertion wrapping the signed one.
      const evil = evilFrom(assertion);
      dropSignature(evil);
      evil.appendChild(assertion.cloneNode(true));
      response.replaceChild(evil, assertion);
      break;
    }
    case "XSW5": {
      // Evil assertion keeps a copy of the signature; the signed original appended at the end of the response.
      const evil = evilFrom(assertion);
      response.replaceChild(evil, assertion);
      response.appendChild(assertion);
      break;
    }
    case "XSW6": {
      // The signed original inside the evil assertion's Signature/Object.
      const evil = evilFrom(assertion);
      const signature = Array.from(evil.childNodes).find((c) => (c as Element).localName === "Signature") as Element;
      const object = doc.createElementNS("http://www.w3.org/2000/09/xmldsig#", "ds:Object");
      object.appendChild(assertion.cloneNode(true));
      signature.appendChild(object);
      response.replaceChild(evil, assertion);
      break;
    }
    case "XSW7": {
      // The signed original inside an Extensions element; the evil assertion in its place.
      const evil = evilFrom(assertion);
      dropSignature(evil);
      const extensions = doc.createElementNS(SAMLP, "saml2p:Extensions");
      extensions.appendChild(assertion.cloneNode(true));
      response.replaceChild(evil, assertion);
      response.insertBefore(extensions, evil);
      break;
    }
    case "XSW8": {
      // The signed original, its own signature removed, inside the evil assertion's Signature/Object.
      const evil = evilFrom(assertion);
      const original = assertion.cloneNode(true) as Element;
      dropSignature(original);
      const signature = Array.from(evil.childNodes).find((c) => (c as Element).localName === "Signature") as Element;
      const object = doc.createElementNS("http://www.w3.org/2000/09/xmldsig#", "ds:Object");
      object.appendChild(original);
      signature.appendChild(object);
      response.replaceChild(evil, assertion);
      break;
    }
    default:
      throw new Error(`unknown variant ${variant}`);
  }
  return new XMLSerializer().serializeToString(doc);
}
