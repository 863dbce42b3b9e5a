import type { SsoFailure } from "./identity.errors";
import type { SsoOutcome } from "./sso.service";

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A small, self-contained, accessible page: the browser lands here straight from the identity provider. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Infoview</title>
<style>
body{font-family:system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;color:#1b1b1f;line-height:1.5}
h1{font-size:1.5rem}code,.value{font-family:ui-monospace,monospace;background:#f1f1f4;padding:.1rem .3rem;border-radius:.25rem;word-break:break-all}
table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #ccc;padding:.3rem;vertical-align:top}
a{color:#0b57d0}a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
</style></head>
<body><main>${body}</main></body></html>`;
}

const back = `<p><a href="/sign-in">Back to sign-in</a></p>`;

export function failurePage(failure: SsoFailure): string {
  if (failure.code === "SSO_NOT_LINKED") {
    return page(
      "Campus account not linked yet",
      `<h1>Your campus account isn't linked yet</h1>
<p>You signed in at your institution, but no one in Infoview is linked to that campus account yet. Nothing was changed.</p>
<p>Your institution sent this identifier: <span class="value" data-testid="received-value">${escape(failure.detail ?? "")}</span></p>
<p>Please send it to your career center so they can add it to the roster, then try again.</p>
<p>Error code: <code>${failure.code}</code></p>${back}`,
    );
  }
  return page(
    "Campus sign-in failed",
    `<h1>Campus sign-in did not work</h1><p>${escape(failure.message)}</p><p>Error code: <code>${failure.code}</code></p>${back}`,
  );
}

export function testPage(outcome: Extract<SsoOutcome, { kind: "test" }>): string {
  const rows = Object.entries(outcome.claims)
    .map(
      ([k, v]) =>
        `<tr><th scope="row">${escape(k)}</th><td>${escape(Array.isArray(v) ? v.join(", ") : typeof v === "object" ? JSON.stringify(v) : String(v))}</td></tr>`,
    )
    .join("");
  const match = outcome.person
    ? `<p data-testid="test-match">Matched <strong>${escape(outcome.person.displayName)}</strong> (${escape(outcome.person.email)}), roles: ${escape(outcome.person.roles.join(", ") || "none")}.</p>`
    : `<p data-testid="test-match">No person matched${outcome.failure ? `: ${escape(outcome.failure.message)} (<code>${outcome.failure.code}</code>${outcome.failure.detail ? `, ${escape(outcome.failure.detail)}` : ""})` : "."}</p>`;
  return page(
    "Identity provider test",
    `<h1>Test of ${escape(outcome.providerName)}</h1>
<p>Test mode: nobody was signed in and nothing was changed.</p>
<p>Matching value: <span class="value">${escape(outcome.matchValue ?? "(none)")}</span></p>${match}
<h2>What the provider sent</h2>
<table><thead><tr><th scope="col">Claim or attribute</th><th scope="col">Value</th></tr></thead><tbody>${rows}</tbody></table>
<p><a href="/admin/sign-in">Back to campus sign-in settings</a></p>`,
  );
}
