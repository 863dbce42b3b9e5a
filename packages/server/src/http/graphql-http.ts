import type { NextFunction, Request, Response } from "express";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { ApiLimits } from "../config";
import { AppError, formatError } from "../graphql/errors";
import { checkBatch, checkOperation, DocumentCache, type CheckedOperation, type OperationRequest } from "../graphql/limits";
import { principalOf, type Limiter, type PrincipalResolver } from "./rate-limit";

/**
 * GraphQL over HTTP (https://graphql.github.io/graphql-over-http/) in front of Apollo: what the spec asks
 * of methods, media types and status codes, then the rate limit and the abuse limits. Everything here
 * runs before Apollo builds a context, so a refused request never reaches the database.
 */

export const GRAPHQL_RESPONSE = "application/graphql-response+json";

/** The response media type the client accepts: graphql-response+json if it says so, JSON by default; null if neither. */
function responseType(req: Request): string | null {
  if (!req.headers.accept) return "application/json";
  const chosen = req.accepts([GRAPHQL_RESPONSE, "application/json"]);
  return chosen || null;
}

export function sendErrors(
  req: Request,
  res: Response,
  status: number,
  errors: GraphQLError[],
  onErrors?: (codes: string[]) => void,
): void {
  const formatted = errors.map((e) => formatError(e.toJSON(), e));
  onErrors?.(formatted.map((e) => String(e.extensions?.code ?? "UNKNOWN")));
  res
    .status(status)
    .type(responseType(req) ?? "application/json")
    .send(JSON.stringify({ errors: formatted }));
}

/** Methods, Accept and Content-Type, before the body is read. */
export function httpShape(onErrors?: (codes: string[]) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== "GET" && req.method !== "POST") {
      res.setHeader("allow", "GET, POST");
      return sendErrors(req, res, 405, [new AppError("METHOD_NOT_ALLOWED", "Use GET for queries or POST for any operation.")], onErrors);
    }
    if (responseType(req) === null) {
      return sendErrors(req, res, 406, [new AppError("NOT_ACCEPTABLE", `Accept ${GRAPHQL_RESPONSE} or application/json.`)], onErrors);
    }
    if (req.method === "POST" && !req.is("application/json")) {
      return sendErrors(req, res, 415, [new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json.")], onErrors);
    }
    next();
  };
}

/** What a body the parser could not read answers, by body-parser's error `type`. */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  "entity.too.large": [413, "PAYLOAD_TOO_LARGE", "The request body is too large."],
  "entity.parse.failed": [400, "BAD_REQUEST", "The request body is not valid JSON."],
  "charset.unsupported": [415, "UNSUPPORTED_MEDIA_TYPE", "Send the request body as UTF-8 (charset=utf-8)."],
  "encoding.unsupported": [
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    "Send the request body uncompressed, or with Content-Encoding gzip, deflate or br.",
  ],
  "request.aborted": [400, "BAD_REQUEST", "The request body ended before it was complete."],
  "request.size.invalid": [400, "BAD_REQUEST", "The request body does not match its Content-Length."],
};

/**
 * Every failure of reading the body (express.json, and express.urlencoded for campus sign-in's SAML form) as a
 * GraphQL-over-HTTP JSON answer with a code: too large, not JSON, another charset, an unknown or lying
 * Content-Encoding (a "gzip" body that is not), cut short. Anything else goes on to the final handler.
 */
export function bodyErrors(onErrors?: (codes: string[]) => void) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    const e = error as { type?: unknown; status?: unknown; expose?: unknown };
    const known = typeof e.type === "string" ? BODY_ERRORS[e.type] : undefined;
    if (known) return sendErrors(req, res, known[0], [new AppError(known[1], known[2])], onErrors);
    if (error instanceof SyntaxError)
      return sendErrors(req, res, 400, [new AppError("BAD_REQUEST", BODY_ERRORS["entity.parse.failed"][2])], onErrors);
    // A 4xx without a type: the body failed to inflate (zlib) or to decode.
    if (typeof e.status === "number" && e.status >= 400 && e.status < 500) {
      return sendErrors(
        req,
        res,
        400,
        [new AppError("BAD_REQUEST", "The request body cannot be decoded: check its Content-Encoding.")],
        onErrors,
      );
    }
    next(error);
  };
}

function fromQueryString(req: Request): OperationRequest | GraphQLError {
  const q = req.query as Record<string, unknown>;
  let variables: unknown = undefined;
  if (typeof q.variables === "string" && q.variables !== "") {
    try {
      variables = JSON.parse(q.variables);
    } catch {
      return new AppError("BAD_REQUEST", "`variables` in the query string is not valid JSON.");
    }
  }
  return { query: q.query, operationName: q.operationName || undefined, variables };
}

export interface GateDeps {
  schema: GraphQLSchema;
  limits: ApiLimits;
  rateLimiter: Limiter;
  principals: readonly PrincipalResolver[];
  onErrors?: (codes: string[]) => void;
  /** Parsed and validated documents by text (graphql/limits.ts); one of its own when not given. */
  documents?: DocumentCache;
}

/** After the body is parsed: the rate limit, then the limits on each operation. */
export function graphqlGate(deps: GateDeps) {
  const { schema, limits } = deps;
  const documents = deps.documents ?? new DocumentCache();
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const principal = await principalOf({ headers: req.headers, ip: req.ip }, deps.principals);
    res.locals.principal = principal;
    const taken = await deps.rateLimiter.take(principal);
    if (!taken.ok) {
      res.setHeader("retry-after", String(taken.retryAfterSeconds));
      return sendErrors(
        req,
        res,
        429,
        [
          new AppError("RATE_LIMITED", `Too many requests. Try again in ${taken.retryAfterSeconds} second(s).`, {
            retryAfterSeconds: taken.retryAfterSeconds,
          }),
        ],
        deps.onErrors,
      );
    }
    res.setHeader("ratelimit-remaining", String(taken.remaining));

    const body = req.method === "GET" ? fromQueryString(req) : (req.body as unknown);
    if (body instanceof GraphQLError) return sendErrors(req, res, 400, [body], deps.onErrors);
    if (body === null || typeof body !== "object") {
      return sendErrors(
        req,
        res,
        400,
        [new AppError("BAD_REQUEST", "Send a JSON object with `query` (or an array of them).")],
        deps.onErrors,
      );
    }
    let checked: CheckedOperation[];
    if (Array.isArray(body)) {
      if (req.method === "GET") return sendErrors(req, res, 400, [new AppError("BAD_REQUEST", "Batches need POST.")], deps.onErrors);
      if (body.some((op) => op === null || typeof op !== "object" || Array.isArray(op))) {
        return sendErrors(req, res, 400, [new AppError("BAD_REQUEST", "Each operation in a batch must be a JSON object.")], deps.onErrors);
      }
      checked = checkBatch(schema, limits, body as OperationRequest[], documents);
    } else {
      checked = [checkOperation(schema, limits, body as OperationRequest, documents)];
    }
    const errors = checked.flatMap((c) => c.errors);
    if (errors.length > 0) return sendErrors(req, res, 400, errors, deps.onErrors);
    if (req.method === "GET" && checked.some((c) => c.operation?.operation !== "query")) {
      res.setHeader("allow", "POST");
      return sendErrors(req, res, 405, [new AppError("METHOD_NOT_ALLOWED", "Mutations and subscriptions need POST.")], deps.onErrors);
    }
    res.locals.operationName = checked.length === 1 ? (checked[0].operation?.name?.value ?? null) : "batch";
    res.locals.mutationFields = checked.flatMap((c) => (c.operation?.operation === "mutation" ? c.rootFields : []));
    next();
  };
}
