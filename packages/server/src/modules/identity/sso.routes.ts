import express, { type Request, type Response } from "express";
import type { Logger } from "pino";
import { AppError } from "../../graphql/errors";
import { SsoFailure } from "./identity.errors";
import { failurePage, testPage } from "./sso.pages";
import type { SsoOutcome } from "./sso.service";
import type { IdentityService } from "./identity.service";

/**
 * The browser-facing campus sign-in endpoints, per provider (their URLs are what an admin gives the IdP):
 *   GET  /sso/:id/start           → 302 to the IdP (?returnTo=/path inside Infoview)
 *   GET  /sso/:id/oidc/callback   ← the OIDC redirect
 *   POST /sso/:id/saml/acs        ← the SAML POST binding
 *   GET  /sso/:id/saml/metadata   our SP metadata (also our entity id)
 * Success redirects to the web client with a one-time code in the fragment; failures render a page and leave no session.
 */
export function ssoRouter(identity: IdentityService, logger: Logger): express.Router {
  const router = express.Router();
  const samlForm = express.urlencoded({ extended: false, limit: "1mb" });

  const respond = (res: Response, outcome: SsoOutcome) => {
    res.setHeader("cache-control", "no-store");
    res.setHeader("referrer-policy", "no-referrer");
    if (outcome.kind === "signed-in") return void res.redirect(303, outcome.redirectTo);
    if (outcome.kind === "test") return void res.type("html").send(testPage(outcome));
    res
      .status(outcome.failure.code === "SSO_NOT_LINKED" ? 403 : 400)
      .type("html")
      .send(failurePage(outcome.failure));
  };
  const fail = (res: Response, error: unknown) => {
    if (error instanceof SsoFailure) return respond(res, { kind: "failed", failure: error });
    if (error instanceof AppError) return void res.status(400).type("text").send(`${error.code}: ${error.message}`);
    logger.error({ error: { name: (error as Error)?.name, stack: (error as Error)?.stack } }, "campus sign-in failed");
    res.status(500).type("text").send("Campus sign-in failed. Please try again.");
  };

  router.get("/:id/start", async (req: Request<{ id: string }>, res) => {
    try {
      const returnTo = typeof req.query.returnTo === "string" ? req.query.returnTo : null;
      res.setHeader("cache-control", "no-store");
      res.redirect(302, await identity.sso.start(req.params.id, returnTo));
    } catch (error) {
      fail(res, error);
    }
  });
  router.get("/:id/oidc/callback", async (req: Request<{ id: string }>, res) => {
    try {
      // openid-client checks the response against the redirect URI it was given, so the URL is rebuilt on PUBLIC_URL.
      const callbackUrl = new URL(req.originalUrl, identity.publicUrl);
      respond(res, await identity.sso.finishOidc(req.params.id, callbackUrl));
    } catch (error) {
      fail(res, error);
    }
  });
  router.post("/:id/saml/acs", samlForm, async (req: Request<{ id: string }>, res) => {
    try {
      respond(res, await identity.sso.finishSaml(req.params.id, (req.body ?? {}) as Record<string, unknown>));
    } catch (error) {
      fail(res, error);
    }
  });
  router.get("/:id/saml/metadata", async (req: Request<{ id: string }>, res) => {
    try {
      const xml = await identity.sso.metadata(req.params.id);
      if (!xml) return void res.status(404).type("text").send("No SAML provider with that id.");
      res.type("application/samlmetadata+xml").send(xml);
    } catch (error) {
      fail(res, error);
    }
  });
  return router;
}
