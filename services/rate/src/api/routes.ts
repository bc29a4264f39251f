/**
 * @module routes: the HTTP surface. Every handler validates with the pure functions in
 * params/quotes/currencies and throws only at this edge; service-kit renders the JSON errors.
 */
import { HttpError } from "@forex-mesh/service-kit";
import type { Express, NextFunction, Request, Response } from "express";
import type { RateTable } from "../data/rate-table.js";
import { RateErrorCodes, type Result, toHttpError } from "../errors.js";
import type { RateStore } from "../store.js";
import { listCurrencies } from "./currencies.js";
import { parseCurrency, parseDate, parseRatesQuery, type QueryInput } from "./params.js";
import { quoteDay, quotePair, quoteSeries } from "./quotes.js";

/** Frankfurter's clients cache for 15 minutes; the ECB publishes once a day. */
const CACHE_CONTROL = "public, max-age=900";
const RANGE = /^(.*)\.\.(.*)$/;

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw toHttpError(result.error);
  return result.value;
}

function sendJson(res: Response, body: string): void {
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("cache-control", CACHE_CONTROL);
  res.end(body);
}

export function rateRoutes(store: RateStore): (app: Express) => void {
  const tableOrUnavailable = (): RateTable => {
    const table = store.table();
    if (table === undefined) throw new HttpError(503, RateErrorCodes.notReady, "rates are still loading");
    return table;
  };

  return function mountRateRoutes(app) {
    app.get("/v1/currencies", function currencies(req: Request, res: Response) {
      const table = tableOrUnavailable();
      res.setHeader("cache-control", CACHE_CONTROL);
      res.json(unwrap(listCurrencies(table, req.query as QueryInput)));
    });

    // One pattern for /v1/latest, /v1/{date} and /v1/{start}..{end}: the segment decides.
    app.get(/^\/v1\/([^/]+)\/?$/, function rates(req: Request, res: Response) {
      const table = tableOrUnavailable();
      const segment = req.params[0] ?? "";
      const query = unwrap(parseRatesQuery(req.query as QueryInput, table));
      if (segment === "latest") return sendJson(res, unwrap(quoteDay(table, "latest", query)));
      const range = RANGE.exec(segment);
      if (range === null) return sendJson(res, unwrap(quoteDay(table, unwrap(parseDate(segment, "date")), query)));
      const start = unwrap(parseDate(range[1]!, "start_date"));
      const end = range[2] === "" ? undefined : unwrap(parseDate(range[2]!, "end_date"));
      if (end !== undefined && end < start) {
        throw new HttpError(400, RateErrorCodes.invalidRange, `end_date ${end} is before start_date ${start}`, { field: "end_date" });
      }
      return sendJson(res, unwrap(quoteSeries(table, start, end, query)));
    });

    // The original system's route, e.g. /2016-01-04/EUR/GBP → { "rate": "0.73765" }.
    app.get(/^\/(?!v1\/)([^/]+)\/([^/]+)\/([^/]+)\/?$/, function legacyPair(req: Request, res: Response) {
      const table = tableOrUnavailable();
      const dateText = req.params[0] ?? "";
      const date = dateText === "latest" ? "latest" : unwrap(parseDate(dateText, "date"));
      const from = unwrap(parseCurrency(req.params[1] ?? "", "from", table));
      const to = unwrap(parseCurrency(req.params[2] ?? "", "to", table));
      sendJson(res, JSON.stringify({ rate: unwrap(quotePair(table, date, from, to)) }));
    });

    app.use(pathDecodeErrors);
  };
}

/**
 * Express decodes path captures itself and fails a bad %-escape with a bare 400; this names the
 * field, since every refusal here says which input was wrong.
 */
function pathDecodeErrors(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const status = (error as { status?: unknown } | null)?.status;
  if (!(error instanceof HttpError) && status === 400) {
    next(new HttpError(400, RateErrorCodes.invalidParameter, "the path is not valid percent-encoding", { field: "path", cause: error }));
    return;
  }
  next(error);
}
