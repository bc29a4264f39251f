/**
 * @module params: validation of the query parameters and path dates, as pure functions returning
 * `Result`s. Frankfurter's rules, made strict where it silently guesses (see README "Errors").
 */
import { badRequest, notFound, ok, RateErrorCodes, type Result } from "../errors.js";
import { isIsoDate } from "../data/dates.js";
import { compareDecimal, normaliseAmount, significantDigits } from "../data/quote.js";
import type { RateTable } from "../data/rate-table.js";

export type QueryInput = Record<string, unknown>;

export interface RatesQuery {
  base: string;
  /** Requested symbols without duplicates and without the base; undefined means "all". */
  symbols: string[] | undefined;
  /** Normalised positive decimal literal. */
  amount: string;
}

const CODE = /^[A-Za-z]{3}$/;
const AMOUNT = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
export const MAX_AMOUNT = "1000000000000";
export const MAX_AMOUNT_DIGITS = 15;
const MAX_SYMBOLS = 64;

/** One optional string parameter, from either of its names (`base`/`from`, `symbols`/`to`). */
function single(query: QueryInput, names: readonly string[]): Result<string | undefined> {
  let found: { name: string; value: string } | undefined;
  for (const name of names) {
    const value = query[name];
    if (value === undefined) continue;
    if (typeof value !== "string") return badRequest(RateErrorCodes.invalidParameter, name, `${name} is given more than once`);
    if (found !== undefined && found.value.toUpperCase() !== value.toUpperCase()) {
      return badRequest(RateErrorCodes.invalidParameter, name, `${found.name} and ${name} are aliases and disagree`);
    }
    found = { name, value };
  }
  return ok(found?.value);
}

/** A currency code: malformed is 400, well-formed but never quoted by the ECB is 404. */
export function parseCurrency(text: string, field: string, table: RateTable): Result<string> {
  const trimmed = text.trim();
  if (!CODE.test(trimmed)) {
    return badRequest(RateErrorCodes.invalidCurrency, field, `${field} must be a three-letter ISO 4217 code, got ${JSON.stringify(text.slice(0, 16))}`);
  }
  const code = trimmed.toUpperCase();
  if (code !== "EUR" && !table.columns.has(code)) {
    return notFound(RateErrorCodes.notFound, field, `${code} is not a currency the ECB has quoted`);
  }
  return ok(code);
}

export function parseAmount(text: string | undefined): Result<string> {
  if (text === undefined) return ok("1");
  const trimmed = text.trim();
  if (trimmed.length > 40 || !AMOUNT.test(trimmed)) {
    return badRequest(RateErrorCodes.invalidAmount, "amount", `amount must be a positive decimal number, got ${JSON.stringify(text.slice(0, 40))}`);
  }
  if (compareDecimal(trimmed, "0") <= 0) return badRequest(RateErrorCodes.invalidAmount, "amount", "amount must be greater than 0");
  if (compareDecimal(trimmed, MAX_AMOUNT) > 0) return badRequest(RateErrorCodes.invalidAmount, "amount", `amount must be at most ${MAX_AMOUNT}`);
  if (significantDigits(trimmed) > MAX_AMOUNT_DIGITS) {
    return badRequest(RateErrorCodes.invalidAmount, "amount", `amount has more than ${MAX_AMOUNT_DIGITS} significant digits`);
  }
  return ok(normaliseAmount(trimmed));
}

export function parseRatesQuery(query: QueryInput, table: RateTable): Result<RatesQuery> {
  const baseText = single(query, ["base", "from"]);
  if (!baseText.ok) return baseText;
  const base = baseText.value === undefined ? ok("EUR") : parseCurrency(baseText.value, "base", table);
  if (!base.ok) return base;
  const symbolsText = single(query, ["symbols", "to"]);
  if (!symbolsText.ok) return symbolsText;
  const symbols = symbolsText.value === undefined ? ok(undefined) : parseSymbols(symbolsText.value, base.value, table);
  if (!symbols.ok) return symbols;
  const amountText = single(query, ["amount"]);
  if (!amountText.ok) return amountText;
  const amount = parseAmount(amountText.value);
  if (!amount.ok) return amount;
  return ok({ base: base.value, symbols: symbols.value, amount: amount.value });
}

function parseSymbols(text: string, base: string, table: RateTable): Result<string[]> {
  const items = text.split(",");
  if (items.length > MAX_SYMBOLS) return badRequest(RateErrorCodes.invalidParameter, "symbols", `at most ${MAX_SYMBOLS} symbols`);
  if (text.trim() === "") return badRequest(RateErrorCodes.invalidCurrency, "symbols", "symbols is empty; leave it out to get every currency");
  const codes: string[] = [];
  for (const item of items) {
    const code = parseCurrency(item, "symbols", table);
    if (!code.ok) return code;
    if (!codes.includes(code.value)) codes.push(code.value);
  }
  const withoutBase = codes.filter((code) => code !== base);
  // Frankfurter refuses base=X&symbols=X as "bad currency pair"; with other symbols it drops X.
  if (withoutBase.length === 0) return badRequest(RateErrorCodes.invalidParameter, "symbols", `symbols only names the base ${base}`);
  return ok(withoutBase.sort());
}

/** A YYYY-MM-DD date that exists in the calendar; no range check (that needs the table). */
export function parseDate(text: string, field: string): Result<string> {
  if (!isIsoDate(text)) return badRequest(RateErrorCodes.invalidDate, field, `${field} must be a date written YYYY-MM-DD, got ${JSON.stringify(text.slice(0, 16))}`);
  return ok(text);
}
