/** The stable URLs of one provider, to give the IdP (redirect URI, ACS, SP metadata) and to start a sign-in. */
export function ssoUrls(publicUrl: string, providerId: string) {
  const base = `${publicUrl}/sso/${providerId}`;
  return {
    start: `${base}/start`,
    oidcCallback: `${base}/oidc/callback`,
    samlAcs: `${base}/saml/acs`,
    /** Also our SP entity id: the metadata URL is what Shibboleth and InCommon expect. */
    samlMetadata: `${base}/saml/metadata`,
  };
}
