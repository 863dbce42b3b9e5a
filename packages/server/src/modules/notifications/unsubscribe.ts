import express from "express";
import type { DataSource } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { isNotificationKind, KIND_RULES, type NotificationKind } from "./notification-kinds";
import type { NotificationPreferencesService } from "./preferences.service";
import { LinkSigner, type LinkClaims } from "./signed-links";

/** One-click unsubscribe links (RFC 8058) last a year: long after anyone acts on an email, not for ever. */
export const UNSUBSCRIBE_LINK_DAYS = 365;
export const UNSUBSCRIBE_PURPOSE = "unsubscribe";
/** Where the web client shows the person's notification preferences. */
export const PREFERENCES_PATH = "/notifications";

export interface UnsubscribeClaims extends LinkClaims {
  /** The person (identity id). */
  p: string;
  /** The kind of notification the link turns off. */
  k: string;
}

export const unsubscribeSigner = (secret: Uint8Array): LinkSigner => new LinkSigner(secret, UNSUBSCRIBE_PURPOSE);

/** The link of one email: it turns off that kind for that person, in that institution; nothing else. */
export function unsubscribeUrl(
  signer: LinkSigner,
  publicUrl: string,
  institutionId: string,
  identityId: string,
  kind: NotificationKind,
  now: Date,
): string {
  const token = signer.sign({
    i: institutionId,
    p: identityId,
    k: kind,
    e: Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_LINK_DAYS * 86_400,
  });
  return `${publicUrl}/unsubscribe/${token}`;
}

/** The headers every email carries (RFC 2369 List-Unsubscribe, RFC 8058 one-click POST). */
export const unsubscribeHeaders = (url: string, mailto?: string | null): Record<string, string> => ({
  "List-Unsubscribe": mailto ? `<${url}>, <mailto:${mailto}?subject=unsubscribe>` : `<${url}>`,
  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
});

/** What each kind is called on the unsubscribe page. */
export const KIND_WORDS: Record<NotificationKind, string> = {
  NEW_REQUEST: "emails about new requests",
  REQUEST_ANSWERS: "emails about answers and changes to your requests",
  EXPIRY_REMINDERS: "reminders that a request is about to expire",
  MEETING_REMINDERS: "reminders before a meeting",
  MEETING_CHECKS: "“did your conversation happen?” emails",
  FOLLOW_UPS: "thank-you and update reminders",
  ADVISOR_LISTS: "digests of your needs-action lists",
  MEETING_CHANGES: "emails about meetings cancelled or moved",
  SIGN_IN_LINKS: "sign-in links",
  ACCOMMODATION_ARRANGEMENTS: "notices to arrange an interpreter or captioner at short notice",
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)} · Infoview</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
button{font:inherit;padding:.5rem 1rem;border:2px solid #1d4ed8;background:#1d4ed8;color:#fff;border-radius:.375rem;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}a{color:#1d4ed8}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

type Checked =
  { ok: true; claims: UnsubscribeClaims; kind: NotificationKind } | { ok: false; status: number; code: string; message: string };

/**
 * GET /unsubscribe/<token>: a confirmation page (a person clicking the link, or a mail scanner following it, changes
 * nothing). POST /unsubscribe/<token>: turns that kind of email off — what mail programs send for RFC 8058's one-click
 * button, and what the page's button sends. No sign-in: the signed link is the authority, for that one change only.
 */
export function unsubscribeRouter(deps: {
  dataSource: DataSource;
  signer: LinkSigner;
  preferences: Pick<NotificationPreferencesService, "turnOff">;
  publicUrl: string;
}): express.Router {
  const router = express.Router();
  const prefsLink = `<p><a href="${escape(deps.publicUrl + PREFERENCES_PATH)}">Choose what Infoview sends you</a> (you will be asked to sign in).</p>`;

  const check = (token: string): Checked => {
    const verified = deps.signer.verify<UnsubscribeClaims>(token, new Date());
    if (!verified.ok)
      return verified.problem === "EXPIRED"
        ? { ok: false, status: 410, code: "LINK_EXPIRED", message: "This unsubscribe link has expired." }
        : { ok: false, status: 400, code: "LINK_INVALID", message: "This unsubscribe link is not valid." };
    if (!isNotificationKind(verified.claims.k) || typeof verified.claims.p !== "string")
      return { ok: false, status: 400, code: "LINK_INVALID", message: "This unsubscribe link is not valid." };
    return { ok: true, claims: verified.claims, kind: verified.claims.k };
  };

  const refuse = (res: express.Response, c: Extract<Checked, { ok: false }>) =>
    res
      .status(c.status)
      .setHeader("x-error-code", c.code)
      .type("html")
      .send(page("Link not usable", `<p>${escape(c.message)}</p>${prefsLink}`));

  router.get("/:token", (req, res) => {
    res.setHeader("cache-control", "no-store");
    res.setHeader("referrer-policy", "no-referrer");
    const c = check(req.params.token);
    if (!c.ok) return void refuse(res, c);
    const words = KIND_WORDS[c.kind];
    if (KIND_RULES[c.kind].locked) {
      return void res.type("html").send(page(`We can't stop ${words}`, `<p>${escape(KIND_RULES[c.kind].locked!)}</p>${prefsLink}`));
    }
    res.type("html").send(
      page(
        `Stop ${words}?`,
        `<p>You will no longer get ${escape(words)} from Infoview by email. Everything else stays as it is.</p>
<form method="post" action="${escape(req.params.token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Stop these emails</button></form>
${prefsLink}`,
      ),
    );
  });

  router.post("/:token", async (req, res, next) => {
    res.setHeader("cache-control", "no-store");
    try {
      const c = check(req.params.token);
      if (!c.ok) return void refuse(res, c);
      const words = KIND_WORDS[c.kind];
      if (KIND_RULES[c.kind].locked) {
        return void res
          .setHeader("x-error-code", "NOTIFICATION_LOCKED")
          .type("html")
          .send(page(`We can't stop ${words}`, `<p>${escape(KIND_RULES[c.kind].locked!)}</p>${prefsLink}`));
      }
      const { i: institutionId, p: identityId } = c.claims;
      const done = await tenantTransaction(deps.dataSource, { institutionId }, async (m) => {
        // The person may have left the institution since: then there is nothing to turn off.
        const member = await sqlRows(m, `SELECT 1 FROM memberships WHERE institution_id = $1 AND identity_id = $2 LIMIT 1`, [
          institutionId,
          identityId,
        ]);
        if (member.length === 0) return false;
        await deps.preferences.turnOff(m, institutionId, identityId, c.kind);
        return true;
      });
      if (!done) return void refuse(res, { ok: false, status: 400, code: "LINK_INVALID", message: "This unsubscribe link is not valid." });
      res.type("html").send(page("You're unsubscribed", `<p>You will no longer get ${escape(words)} by email.</p>${prefsLink}`));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
