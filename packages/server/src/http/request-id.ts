import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import type { Metrics } from "./metrics";

/** A request id a client or proxy may send: short, and only characters safe in a log line. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(header: unknown): string {
  return typeof header === "string" && ACCEPTABLE.test(header) ? header : randomUUID();
}

/**
 * Gives each request an id (the caller's X-Request-Id if well formed, else a new UUID), returns it in
 * X-Request-Id, and writes one JSON log line when the response is done: id, method, path, operation,
 * status and duration. No headers, bodies, variables, addresses or tokens are logged.
 */
export function requestIds(logger: Logger, metrics?: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(req.headers["x-request-id"]);
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    res.once("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const operation = (res.locals.operationName as string | null | undefined) ?? null;
      metrics?.observeRequest(operation, res.statusCode, seconds);
      logger.info(
        {
          requestId,
          method: req.method,
          path: req.baseUrl || req.path,
          operation: metrics ? metrics.operationLabel(operation) : undefined,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
        },
        "request",
      );
    });
    next();
  };
}
