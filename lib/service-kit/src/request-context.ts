import { randomFillSync } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Logger } from "./logger.js";
import { formatServedBy, parseServedBy, SERVED_BY_HEADER } from "./served-by.js";
import { continueTrace, parseTraceparent, type TraceContext } from "./trace.js";

/** The request header that pins a version; passed on downstream so a whole v2 path can be tried. */
export const VERSION_OVERRIDE_HEADER = "x-forex-version";

export interface RequestContext {
  requestId: string;
  trace: TraceContext;
  /** The caller's version pin, if any, to pass on downstream. */
  versionOverride: string | undefined;
  /** A logger carrying request and trace ids; made on first use, most requests never log. */
  readonly log: Logger;
  /**
   * `x-forex-version`, `x-request-id` and `x-forex-served-by` (this service alone, as known at the
   * start) as a flat [name, value, …] list for `writeHead`.
   */
  responseHeaders: string[];
  /** This request's `x-forex-served-by`: `service=version`, then the chains of the upstream answers recorded so far. */
  servedBy(): string;
  /**
   * Records an upstream answer's `x-forex-served-by` (the upstream client does this for requests
   * made with `outboundHeaders(ctx)`) and, while the headers are not sent, updates the response's.
   */
  recordServedBy(value: string | string[] | undefined): void;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Random hex from a pooled buffer: one `randomFillSync` per few hundred requests instead of three
 * `randomBytes` calls per request, which showed up as 7% of forex-rate's CPU under load.
 */
export function pooledHex(poolBytes = 8192): (bytes: number) => string {
  const pool = Buffer.alloc(poolBytes);
  let offset = poolBytes;
  return function hex(bytes) {
    if (offset + bytes > poolBytes) {
      randomFillSync(pool);
      offset = 0;
    }
    const text = pool.toString("hex", offset, offset + bytes);
    offset += bytes;
    return text;
  };
}

export interface ContextOptions {
  logger: Logger;
  /** This service's name, the first half of its `x-forex-served-by` entry. */
  service: string;
  version: string;
  hex?: (bytes: number) => string;
}

/**
 * Framework-free request context: request id (the caller's if safe, else new), W3C trace context
 * continued with a new span, the caller's version pin, and one access-log line when the response
 * finishes. Express services get it through `requestContext`; a bare `node:http` handler calls it
 * directly.
 */
export function contextStarter({ logger, service, version, hex = pooledHex() }: ContextOptions) {
  const self = `${service}=${version}`;
  return function startContext(req: IncomingMessage, res: ServerResponse, path: string): RequestContext {
    const started = process.hrtime.bigint();
    const incomingId = req.headers["x-request-id"];
    const requestId = typeof incomingId === "string" && SAFE_ID.test(incomingId) ? incomingId : hex(8);
    const traceparent = req.headers.traceparent;
    const trace = continueTrace(parseTraceparent(typeof traceparent === "string" ? traceparent : undefined), hex);
    const override = req.headers[VERSION_OVERRIDE_HEADER];
    let child: Logger | undefined;
    let upstream: string[] | undefined;
    res.once("finish", () => {
      if (!logger.isLevelEnabled("info")) return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      // The child logger's fields plus the access-log fields, without making a child per request.
      logger.info(
        {
          request_id: requestId,
          trace_id: trace.traceId,
          span_id: trace.spanId,
          method: req.method,
          path,
          status: res.statusCode,
          duration_ms: Math.round(durationMs * 1000) / 1000,
        },
        "request",
      );
    });
    return {
      requestId,
      trace,
      versionOverride: typeof override === "string" && SAFE_ID.test(override) ? override : undefined,
      get log() {
        child ??= logger.child({ request_id: requestId, trace_id: trace.traceId, span_id: trace.spanId });
        return child;
      },
      responseHeaders: ["x-forex-version", version, "x-request-id", requestId, SERVED_BY_HEADER, self],
      servedBy: () => (upstream === undefined ? self : formatServedBy(self, upstream)),
      recordServedBy(value) {
        const entries = parseServedBy(value);
        if (entries.length === 0) return;
        upstream = upstream === undefined ? entries : upstream.concat(entries);
        if (!res.headersSent) res.setHeader(SERVED_BY_HEADER, this.servedBy());
      },
    };
  };
}

/** Reads the context that `requestContext` attached. */
export function contextOf(res: Response): RequestContext {
  const ctx = res.locals.forex as RequestContext | undefined;
  if (ctx === undefined) throw new Error("requestContext middleware is not installed");
  return ctx;
}

/** Express middleware: attaches the request context and answers with the serving version and request id. */
export function requestContext(options: ContextOptions): RequestHandler {
  const startContext = contextStarter(options);
  return function attachRequestContext(req: Request, res: Response, next: NextFunction): void {
    const ctx = startContext(req, res, req.path);
    res.locals.forex = ctx;
    res.setHeader("x-forex-version", options.version);
    res.setHeader("x-request-id", ctx.requestId);
    res.setHeader(SERVED_BY_HEADER, ctx.servedBy());
    next();
  };
}

/** The request each `outboundHeaders` object was made for, so the upstream client can record the answer's chain. */
const contextOfHeaders = new WeakMap<object, RequestContext>();

/** The context whose `outboundHeaders` these are, if any (the upstream client records served-by on it). */
export function contextOfOutbound(headers: object): RequestContext | undefined {
  return contextOfHeaders.get(headers);
}

/**
 * Headers for a call this request makes to another service: same trace, same request id, same pin.
 * Passed as is to the service-kit upstream client, the answer's `x-forex-served-by` joins this
 * request's (a copy of the object loses that link, not the headers).
 */
export function outboundHeaders(ctx: RequestContext): Record<string, string> {
  const headers: Record<string, string> = {
    traceparent: `00-${ctx.trace.traceId}-${ctx.trace.spanId}-${ctx.trace.flags}`,
    "x-request-id": ctx.requestId,
  };
  if (ctx.versionOverride !== undefined) headers[VERSION_OVERRIDE_HEADER] = ctx.versionOverride;
  contextOfHeaders.set(headers, ctx);
  return headers;
}
