/**
 * @module routes: the rate API as one function from (path, query) to a JSON body. Validation is done
 * by the pure functions in params/quotes/currencies; this edge turns their refusals into HttpErrors.
 *
 *   GET /v1/latest · /v1/{date} · /v1/{start}..{end?} · /v1/currencies   (Frankfurter v1)
 *   GET /{date}/{from}/{to}                                              (the original system)
 */
import { HttpError } from "@forex-mesh/service-kit";
import type { RateTable } from "../data/rate-table.js";
import { RateErrorCodes, type Result, toHttpError } from "../errors.js";
import { listCurrencies } from "./currencies.js";
import { parseCurrency, parseDate, parseRatesQuery, type QueryInput } from "./params.js";
import { quoteDay, quotePair, quoteSeries } from "./quotes.js";

const RANGE = /^(.*)\.\.(.*)$/;

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw toHttpError(result.error);
  return result.value;
}

/** The JSON body for a rate route, `undefined` when the path is not one; throws HttpError on bad input. */
export function answerRates(path: string, query: QueryInput, table: () => RateTable): string | undefined {
  const segments = path.split("/").slice(1);
  if (segments.at(-1) === "" && segments.length > 1) segments.pop();
  if (segments[0] === "v1" && segments.length === 2) {
    const segment = decodeSegment(segments[1]!);
    return segment === "currencies" ? JSON.stringify(unwrap(listCurrencies(table(), query))) : ratesFor(table(), segment, query);
  }
  if (segments.length === 3 && segments[0] !== "v1") return legacyPair(table(), segments.map(decodeSegment), query);
  return undefined;
}

function ratesFor(table: RateTable, segment: string, query: QueryInput): string {
  const parsed = unwrap(parseRatesQuery(query, table));
  if (segment === "latest") return unwrap(quoteDay(table, "latest", parsed));
  const range = RANGE.exec(segment);
  if (range === null) return unwrap(quoteDay(table, unwrap(parseDate(segment, "date")), parsed));
  const start = unwrap(parseDate(range[1]!, "start_date"));
  const end = range[2] === "" ? undefined : unwrap(parseDate(range[2]!, "end_date"));
  if (end !== undefined && end < start) {
    throw new HttpError(400, RateErrorCodes.invalidRange, `end_date ${end} is before start_date ${start}`, { field: "end_date" });
  }
  return unwrap(quoteSeries(table, start, end, parsed));
}

/** `/2016-01-04/EUR/GBP` → `{"rate":"0.7381"}`; the query string is ignored, as the original did. */
function legacyPair(table: RateTable, [dateText, fromText, toText]: string[], _query: QueryInput): string {
  const date = dateText === "latest" ? "latest" : unwrap(parseDate(dateText!, "date"));
  const from = unwrap(parseCurrency(fromText!, "from", table));
  const to = unwrap(parseCurrency(toText!, "to", table));
  return JSON.stringify({ rate: unwrap(quotePair(table, date, from, to)) });
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, RateErrorCodes.invalidParameter, "the path is not valid percent-encoding", { field: "path" });
  }
}
