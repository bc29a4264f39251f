/**
 * @module currencies: `GET /v1/currencies`. Frankfurter's shape, `{ "AUD": "Australian Dollar", … }`,
 * lists the currencies quoted on the newest day plus EUR. With `?details=true` every currency the
 * history has ever held is listed with the first and last day it was quoted.
 */
import { CURRENCY_NAMES } from "../data/currency-names.js";
import type { RateTable } from "../data/rate-table.js";
import { badRequest, ok, RateErrorCodes, type Result } from "../errors.js";
import type { QueryInput } from "./params.js";

export interface CurrencyDetails {
  name: string;
  first_date: string;
  last_date: string;
  /** Whether the newest day quotes it (false for BGN, HRK, RUB, the pre-euro currencies, …). */
  current: boolean;
}

const nameOf = (code: string): string => CURRENCY_NAMES[code] ?? code;

export function listCurrencies(table: RateTable, query: QueryInput): Result<Record<string, string> | Record<string, CurrencyDetails>> {
  const details = query["details"];
  if (details !== undefined && details !== "true" && details !== "false") {
    return badRequest(RateErrorCodes.invalidParameter, "details", "details must be true or false, given once");
  }
  const newest = table.days.length - 1;
  const firstDay = table.days[0]!;
  const lastDay = table.days[newest]!;
  if (details !== "true") {
    const codes = ["EUR", ...table.currencies.filter((code) => table.columns.get(code)![newest] !== undefined)].sort();
    return ok(Object.fromEntries(codes.map((code) => [code, nameOf(code)])));
  }
  const entries: [string, CurrencyDetails][] = [["EUR", { name: nameOf("EUR"), first_date: firstDay, last_date: lastDay, current: true }]];
  for (const code of table.currencies) {
    const span = table.spans.get(code);
    if (span === undefined) continue;
    entries.push([
      code,
      { name: nameOf(code), first_date: table.days[span.first]!, last_date: table.days[span.last]!, current: span.last === newest },
    ]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : 1));
  return ok(Object.fromEntries(entries));
}
