/** @module http/respond: writing JSON answers and errors the way service-kit's Express tail does. */
import type { ServerResponse } from "node:http";
import { ErrorCodes, HttpError, type Logger } from "@forex-mesh/service-kit";

/** Headers every answer carries (version, request id), set once per request by the context. */
export type BaseHeaders = string[];

/**
 * One `writeHead` with a flat header list: cheaper than a `setHeader` per header, which validated
 * and stored each one and was visible in profiles of the hot path.
 */
export function sendJson(res: ServerResponse, status: number, body: string, base: BaseHeaders, extra: readonly string[] = []): void {
  res.writeHead(status, [...base, "content-type", "application/json; charset=utf-8", "content-length", String(Buffer.byteLength(body)), ...extra]);
  res.end(res.req.method === "HEAD" ? undefined : body);
}

/** An HttpError keeps its status and body; anything else is a logged 500 that says nothing inside. */
export function sendError(res: ServerResponse, error: unknown, base: BaseHeaders, logger: Logger): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpError) {
    sendJson(res, error.status, JSON.stringify(error.toJSON()), base);
    return;
  }
  logger.error({ err: error }, "unhandled error");
  sendJson(res, 500, JSON.stringify({ message: "internal error", code: ErrorCodes.internal }), base);
}
