import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Logger } from "./logger.js";
import { continueTrace, cryptoHex, formatTraceparent, parseTraceparent, type TraceContext } from "./trace.js";

/** The request header that pins a version; passed on downstream so a whole v2 path can be tried. */
export const VERSION_OVERRIDE_HEADER = "x-forex-version";

export interface RequestContext {
  requestId: string;
  trace: TraceContext;
  /** The caller's version pin, if any, to pass on downstream. */
  versionOverride: string | undefined;
  log: Logger;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Reads the context that `requestContext` attached. */
export function contextOf(res: Response): RequestContext {
  const ctx = res.locals.forex as RequestContext | undefined;
  if (ctx === undefined) throw new Error("requestContext middleware is not installed");
  return ctx;
}

/**
 * Attaches request id, trace context and a child logger to each request, answers with the serving
 * version and request id, and writes one access-log line when the response finishes.
 */
export function requestContext({ logger, version }: { logger: Logger; version: string }): RequestHandler {
  return function attachRequestContext(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    const incomingId = req.get("x-request-id");
    const requestId = incomingId !== undefined && SAFE_ID.test(incomingId) ? incomingId : cryptoHex(8);
    const trace = continueTrace(parseTraceparent(req.get("traceparent")));
    const override = req.get(VERSION_OVERRIDE_HEADER);
    const log = logger.child({ request_id: requestId, trace_id: trace.traceId, span_id: trace.spanId });
    res.locals.forex = {
      requestId,
      trace,
      versionOverride: override !== undefined && SAFE_ID.test(override) ? override : undefined,
      log,
    } satisfies RequestContext;
    res.setHeader("x-forex-version", version);
    res.setHeader("x-request-id", requestId);
    res.on("finish", () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      log.info(
        { method: req.method, path: req.path, status: res.statusCode, duration_ms: Math.round(durationMs * 1000) / 1000 },
        "request",
      );
    });
    next();
  };
}

/** Headers for a call this request makes to another service: same trace, same request id, same pin. */
export function outboundHeaders(ctx: RequestContext): Record<string, string> {
  const headers: Record<string, string> = {
    traceparent: formatTraceparent(ctx.trace),
    "x-request-id": ctx.requestId,
  };
  if (ctx.versionOverride !== undefined) headers[VERSION_OVERRIDE_HEADER] = ctx.versionOverride;
  return headers;
}
