import express from "express";
import { AppError } from "../../graphql/errors";
import { localTime } from "../../shared/calendar-invite";
import type { DigestAction, DigestActionsService } from "./digest-actions";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)} · Infoview</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;margin:.75rem 0 .25rem}input{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}
button{font:inherit;margin-top:1rem;padding:.5rem 1rem;border:2px solid #1d4ed8;background:#1d4ed8;color:#fff;border-radius:.375rem;cursor:pointer}
button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}a{color:#1d4ed8}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

const MESSAGES: Record<string, string> = {
  LINK_INVALID: "This link is not valid. Open the request in Infoview to answer there.",
  LINK_EXPIRED: "This link has expired. Open the request in Infoview to answer there.",
  LINK_USED: "This link was already used. Each link works once.",
  INVALID_TRANSITION: "This request can no longer be answered this way: it was answered, withdrawn or has expired.",
};

/**
 * The page a digest email's accept or decline link opens (/digest/<token>): GET says what confirming will do and changes
 * nothing (mail scanners follow links); POST does it (confirmDigestAction), as the alum the email went to, once.
 * Served by the server like the unsubscribe page, so it works with no session and no web client.
 */
export function digestActionRouter(deps: {
  actions: Pick<DigestActionsService, "describe" | "confirm">;
  publicUrl: string;
}): express.Router {
  const router = express.Router();
  const open = (a: DigestAction) =>
    `<p><a href="${escape(`${deps.publicUrl}/alumni/requests/${a.requestId}`)}">Open the request in Infoview</a></p>`;
  const problem = (res: express.Response, error: unknown) => {
    if (!(error instanceof AppError)) throw error;
    const message = MESSAGES[error.code] ?? error.message;
    res
      .status(error.code === "LINK_EXPIRED" ? 410 : 400)
      .setHeader("x-error-code", error.code)
      .type("html")
      .send(page("This link can't be used", `<p>${escape(message)}</p><p><a href="${escape(deps.publicUrl)}">Go to Infoview</a></p>`));
  };
  const what = (a: DigestAction) =>
    a.action === "ACCEPT"
      ? `accept ${a.studentName}'s request for ${a.startsAt ? escape(`${localTime(a.startsAt, a.timeZone)} (${a.timeZone})`) : "the time chosen"}`
      : `decline ${a.studentName}'s request`;

  router.use(express.urlencoded({ extended: false, limit: "4kb" }));

  router.get("/:token", async (req, res, next) => {
    res.setHeader("cache-control", "no-store");
    res.setHeader("referrer-policy", "no-referrer");
    try {
      const a = await deps.actions.describe(req.params.token);
      const fields =
        a.action === "ACCEPT"
          ? `<label for="meetingLink">Video meeting link (only if your career center does not make one for you)</label>
<input id="meetingLink" name="meetingLink" type="url" inputmode="url" autocomplete="url">`
          : "";
      res.type("html").send(
        page(
          a.action === "ACCEPT" ? `Accept ${a.studentName}'s request?` : `Decline ${a.studentName}'s request?`,
          `<p>Confirm to ${escape(what(a))}. This link works for this one answer only.</p>
<form method="post" action="${escape(req.params.token)}">${fields}<button type="submit">${a.action === "ACCEPT" ? "Accept this time" : "Decline"}</button></form>${open(a)}`,
        ),
      );
    } catch (error) {
      try {
        problem(res, error);
      } catch (other) {
        next(other);
      }
    }
  });

  router.post("/:token", async (req, res, next) => {
    res.setHeader("cache-control", "no-store");
    try {
      const link = typeof req.body?.meetingLink === "string" && req.body.meetingLink.trim() ? req.body.meetingLink.trim() : null;
      const a = await deps.actions.confirm(req.params.token, { meetingLink: link });
      res
        .type("html")
        .send(
          page(
            a.action === "ACCEPT" ? "Accepted — thank you" : "Declined",
            `<p>Done: you chose to ${escape(what(a))}. ${a.studentName} has been told.</p>${open(a)}`,
          ),
        );
    } catch (error) {
      if (error instanceof AppError && error.code === "BAD_USER_INPUT") {
        return void res
          .status(400)
          .setHeader("x-error-code", error.code)
          .type("html")
          .send(
            page(
              "Something is missing",
              `<p>${escape(error.message)}</p><p>Go back, fill it in and confirm again: the link still works.</p>`,
            ),
          );
      }
      try {
        problem(res, error);
      } catch (other) {
        next(other);
      }
    }
  });
  return router;
}
