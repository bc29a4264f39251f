/**
 * @module quotes: answers computed from the table, as pure functions. Responses are built as JSON
 * text so that every rate keeps its exact decimal digits on the wire (a JS number would not
 * for amounts near 1e12, and parsing back and forth costs time on the hot path).
 */
import { indexOnOrBefore } from "../data/dates.js";
import { crossQuote } from "../data/quote.js";
import type { RateTable } from "../data/rate-table.js";
import { notFound, ok, RateErrorCodes, type Result } from "../errors.js";
import type { RatesQuery } from "./params.js";

/** Largest time series answered in one request (days × currencies): about 9 years of every currency. */
export const MAX_SERIES_CELLS = 100_000;

/** The day index a date resolves to: itself, or the closest earlier business day. */
export function resolveDay(table: RateTable, date: string, field: string): Result<number> {
  const first = table.days[0]!;
  const last = table.days.at(-1)!;
  if (date < first) return notFound(RateErrorCodes.notFound, field, `${field} ${date} is before the first ECB rates (${first})`);
  if (date > last) return notFound(RateErrorCodes.notFound, field, `${field} ${date} is after the newest ECB rates (${last})`);
  return ok(indexOnOrBefore(table.days, date));
}

function rateAt(table: RateTable, code: string, index: number): string | undefined {
  return code === "EUR" ? "EUR" : table.columns.get(code)![index];
}

/** `rateAt` marks EUR with the string "EUR"; the arithmetic wants `undefined` (1 EUR per EUR). */
const perEur = (rate: string): string | undefined => (rate === "EUR" ? undefined : rate);

/** Why `code` has no rate on a day, with the dates it does have, so the caller can fix the request. */
function notQuoted(table: RateTable, code: string, field: string, when: string): Result<never> {
  const span = table.spans.get(code);
  const quoted =
    span === undefined
      ? "never"
      : `${table.days[span.first]}..${table.days[span.last]}${span.gaps > 0 ? `, except ${span.gaps} days in between` : ""}`;
  return notFound(RateErrorCodes.notQuoted, field, `the ECB has no ${code} rate ${when} (quoted ${quoted})`);
}

/** `[code, value]` pairs for one day, or the currency that is not quoted on it. */
function dayRates(table: RateTable, index: number, query: RatesQuery, codes: readonly string[], strict: boolean): Result<[string, string][]> {
  const baseRate = rateAt(table, query.base, index);
  const day = table.days[index]!;
  if (baseRate === undefined) return notQuoted(table, query.base, "base", `on ${day}`);
  const pairs: [string, string][] = [];
  for (const code of codes) {
    const rate = rateAt(table, code, index);
    if (rate === undefined) {
      if (strict && query.symbols !== undefined) return notQuoted(table, code, "symbols", `on ${day}`);
      continue;
    }
    pairs.push([code, crossQuote(query.amount, perEur(baseRate), perEur(rate))]);
  }
  return ok(pairs);
}

/** The symbols to answer, sorted as Frankfurter sorts them: the requested ones, or every currency. */
function symbolsOf(table: RateTable, query: RatesQuery): readonly string[] {
  return query.symbols ?? ["EUR", ...table.currencies].filter((code) => code !== query.base).sort();
}

function ratesObject(pairs: readonly [string, string][]): string {
  return `{${pairs.map(([code, value]) => `"${code}":${value}`).join(",")}}`;
}

/** `GET /v1/latest` and `GET /v1/{date}`: `{ amount, base, date, rates }`. */
export function quoteDay(table: RateTable, date: string | "latest", query: RatesQuery): Result<string> {
  const index = date === "latest" ? ok(table.days.length - 1) : resolveDay(table, date, "date");
  if (!index.ok) return index;
  const pairs = dayRates(table, index.value, query, symbolsOf(table, query), true);
  if (!pairs.ok) return pairs;
  const day = table.days[index.value]!;
  return ok(`{"amount":${query.amount},"base":"${query.base}","date":"${day}","rates":${ratesObject(pairs.value)}}`);
}

/**
 * `GET /v1/{start}..{end}`: `{ amount, base, start_date, end_date, rates: { day: { code: value } } }`.
 * The start rolls back to the closest earlier business day, as Frankfurter does; days where the
 * base or every requested symbol is unquoted (ISK's gap) are left out rather than failing the range.
 */
export function quoteSeries(table: RateTable, start: string, end: string | undefined, query: RatesQuery): Result<string> {
  const from = resolveDay(table, start, "start_date");
  if (!from.ok) return from;
  const to = end === undefined ? ok(table.days.length - 1) : resolveDay(table, end, "end_date");
  if (!to.ok) return to;
  const width = query.symbols?.length ?? table.currencies.length;
  if ((to.value - from.value + 1) * width > MAX_SERIES_CELLS) {
    return {
      ok: false,
      error: {
        status: 400,
        code: RateErrorCodes.rangeTooLarge,
        field: "end_date",
        message: `more than ${MAX_SERIES_CELLS} rates (business days × symbols); shorten the range or name fewer symbols`,
      },
    };
  }
  const rows: string[] = [];
  let first: string | undefined;
  let last: string | undefined;
  const seen = new Set<string>();
  const codes = symbolsOf(table, query);
  for (let index = from.value; index <= to.value; index++) {
    const pairs = dayRates(table, index, query, codes, false);
    if (!pairs.ok || pairs.value.length === 0) continue;
    const day = table.days[index]!;
    first ??= day;
    last = day;
    for (const [code] of pairs.value) seen.add(code);
    rows.push(`"${day}":${ratesObject(pairs.value)}`);
  }
  const when = `between ${start} and ${end ?? table.days.at(-1)}`;
  if (first === undefined || last === undefined) {
    const baseQuoted = query.base === "EUR" || table.columns.get(query.base)!.slice(from.value, to.value + 1).some((v) => v !== undefined);
    return baseQuoted ? notQuoted(table, codes[0]!, "symbols", when) : notQuoted(table, query.base, "base", when);
  }
  const missing = query.symbols?.find((code) => !seen.has(code));
  if (missing !== undefined) return notQuoted(table, missing, "symbols", when);
  return ok(`{"amount":${query.amount},"base":"${query.base}","start_date":"${first}","end_date":"${last}","rates":{${rows.join(",")}}}`);
}

/** The original system's `GET /{date}/{from}/{to}` → `{ "rate": "…" }`, the rate as a string. */
export function quotePair(table: RateTable, date: string | "latest", base: string, symbol: string): Result<string> {
  const index = date === "latest" ? ok(table.days.length - 1) : resolveDay(table, date, "date");
  if (!index.ok) return index;
  const day = table.days[index.value]!;
  const baseRate = rateAt(table, base, index.value);
  if (baseRate === undefined) return notQuoted(table, base, "from", `on ${day}`);
  const symbolRate = rateAt(table, symbol, index.value);
  if (symbolRate === undefined) return notQuoted(table, symbol, "to", `on ${day}`);
  return ok(crossQuote("1", perEur(baseRate), perEur(symbolRate)));
}
