/**
 * Parameters in the URL's fragment: campus sign-in codes and emailed tokens travel there, so they never reach a
 * server log or a Referer header. Read once, then the fragment is cleared from the address bar.
 */
export function takeHashParams(): URLSearchParams {
  const params = new URLSearchParams(window.location.hash.slice(1));
  if (window.location.hash) window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  return params;
}

/** A path inside Infoview to go to next; anything else (another site, //host) becomes "/". */
export function safeReturnPath(path: string | null | undefined): string {
  return typeof path === "string" && /^\/(?![/\\])[^\s\\]*$/.test(path) && !path.startsWith("/sign-in") ? path : "/";
}
