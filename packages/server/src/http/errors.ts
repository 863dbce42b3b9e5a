import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { AppError } from "../graphql/errors";
import { bodyErrors, sendErrors } from "./graphql-http";

/**
 * The end of the Express chain: nothing here is HTML, and nothing carries a stack or a path, in any
 * environment (Express's own final handler shows both when NODE_ENV is not production). Every answer is
 * `{ errors: [{ message, extensions: { code } }] }`, as GraphQL over HTTP answers.
 */

/** No route took the request (e.g. POST to a page): 404 NOT_FOUND. */
export function notFound(onErrors?: (codes: string[]) => void) {
  return (req: Request, res: Response): void =>
    sendErrors(req, res, 404, [new AppError("NOT_FOUND", `Nothing here answers ${req.method} ${req.path}.`)], onErrors);
}

/**
 * Errors no route handled: a body that cannot be read (bodyErrors), another client error Express or a
 * router raised (a 4xx, e.g. a path that does not decode) as BAD_REQUEST, anything else as
 * INTERNAL_SERVER_ERROR, logged with its stack on the server only.
 */
export function finalErrors(logger: Logger, onErrors?: (codes: string[]) => void) {
  const body = bodyErrors(onErrors);
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      // The answer has begun: all that is left is to end it (Express would do the same).
      req.socket.destroy();
      return;
    }
    body(error, req, res, () => {
      const status = (error as { status?: unknown }).status;
      if (typeof status === "number" && status >= 400 && status < 500) {
        return sendErrors(req, res, status, [new AppError("BAD_REQUEST", "The request cannot be read.")], onErrors);
      }
      logger.error(
        {
          requestId: res.locals.requestId,
          code: "INTERNAL_SERVER_ERROR",
          error: { name: (error as Error)?.name, stack: (error as Error)?.stack },
        },
        "request failed",
      );
      sendErrors(req, res, 500, [new AppError("INTERNAL_SERVER_ERROR", "Something went wrong on our side. Please try again.")], onErrors);
    });
    void next;
  };
}
