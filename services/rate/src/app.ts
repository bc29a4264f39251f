/**
 * @module app: forex-rate's request handler, built from its dependencies; never listens by itself.
 *
 * It gives every answer what service-kit's `createServiceApp` gives (request id, traceparent,
 * access log, `x-forex-version`, /healthz, /readyz, fault knobs, JSON 404 and errors) but on bare
 * `node:http`: Express alone held this service to about a quarter of a bare server's throughput,
 * and the goal is half. See README "Why not createServiceApp".
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import { contextStarter, ErrorCodes, HttpError, type Logger } from "@forex-mesh/service-kit";
import { createAnswerCache } from "./answer-cache.js";
import { answerRates } from "./api/routes.js";
import type { RateTable } from "./data/rate-table.js";
import { RateErrorCodes } from "./errors.js";
import { sendError, sendJson } from "./http/respond.js";
import type { RateStore } from "./store.js";

export interface AppDeps {
  store: RateStore;
  logger: Logger;
  version: string;
  faults?: { errorRatio: number; latencyMs: number; random?: () => number };
  draining?: () => boolean;
  /** Random hex for request and span ids; injectable so tests can predict them. */
  hex?: (bytes: number) => string;
}

/** Frankfurter's clients cache for 15 minutes; the ECB publishes once a day. */
const CACHE_CONTROL = ["cache-control", "public, max-age=900"];

export function createApp({ store, logger, version, faults = { errorRatio: 0, latencyMs: 0 }, draining = () => false, hex }: AppDeps): RequestListener {
  const startContext = contextStarter({ logger, service: "forex-rate", version, ...(hex === undefined ? {} : { hex }) });
  const random = faults.random ?? Math.random;
  const answers = createAnswerCache<RateTable>();
  const table = (): RateTable => {
    const current = store.table();
    if (current === undefined) throw new HttpError(503, RateErrorCodes.notReady, "rates are still loading");
    return current;
  };

  function health(path: string, res: ServerResponse, headers: string[]): boolean {
    if (path === "/healthz") {
      sendJson(res, 200, JSON.stringify({ status: "ok" }), headers);
      return true;
    }
    if (path !== "/readyz") return false;
    const status = store.status();
    if (draining()) sendJson(res, 503, JSON.stringify({ status: "draining" }), headers);
    else if (status === undefined) sendJson(res, 503, JSON.stringify({ status: "not ready", rates: "loading" }), headers);
    else sendJson(res, 200, JSON.stringify({ status: "ready", rates: status }), headers);
    return true;
  }

  function route(req: IncomingMessage, res: ServerResponse, path: string, search: string, headers: string[]): void {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(404, ErrorCodes.notFound, `no route for ${req.method} ${path}`);
      const current = table();
      const body = answers.get(current, `${path}?${search}`, () => answerRates(path, parseQuery(search), () => current));
      if (body === undefined) throw new HttpError(404, ErrorCodes.notFound, `no route for ${req.method} ${path}`);
      sendJson(res, 200, body, headers, CACHE_CONTROL);
    } catch (error) {
      sendError(res, error, headers, logger);
    }
  }

  return function rateApp(req, res) {
    const url = req.url ?? "/";
    const mark = url.indexOf("?");
    const path = mark === -1 ? url : url.slice(0, mark);
    const search = mark === -1 ? "" : url.slice(mark + 1);
    const { responseHeaders: headers } = startContext(req, res, path);
    if (health(path, res, headers)) return;
    // Demo fault knobs, off unless set; health stays exempt so a bad version still gets traffic.
    if (faults.errorRatio > 0 && random() < faults.errorRatio) {
      const fault = () =>
        sendJson(res, 500, JSON.stringify({ message: "injected fault (FOREX_FAULT_ERROR_RATIO)", code: ErrorCodes.faultInjected }), headers);
      if (faults.latencyMs > 0) setTimeout(fault, faults.latencyMs);
      else fault();
      return;
    }
    if (faults.latencyMs > 0) setTimeout(() => route(req, res, path, search, headers), faults.latencyMs);
    else route(req, res, path, search, headers);
  };
}
