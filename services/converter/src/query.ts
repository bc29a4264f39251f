import { invalidParameter } from "./errors.js";
import { type Money, parseAmount } from "./money/decimal.js";
import { minorUnits } from "./money/minor-units.js";

export interface ConvertQuery {
  from: string;
  to: string;
  amount: Money;
  /** A calendar date (YYYY-MM-DD), or undefined for the latest rates. */
  date: string | undefined;
}

export type QueryResult = { ok: true; value: ConvertQuery } | { ok: false; field: string; message: string };

const CODE = /^[A-Z]{3}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day in ISO form; forex-rate decides whether it has rates for it. */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = new Date(Date.UTC(year, month - 1, day));
  return time.getUTCFullYear() === year && time.getUTCMonth() === month - 1 && time.getUTCDate() === day;
}

function single(query: Record<string, unknown>, name: string): { ok: true; value: string | undefined } | { ok: false; message: string } {
  const value = query[name];
  if (value === undefined) return { ok: true, value: undefined };
  if (typeof value !== "string") return { ok: false, message: `${name} must be given once` };
  const trimmed = value.trim();
  return { ok: true, value: trimmed === "" ? undefined : trimmed };
}

function currency(query: Record<string, unknown>, name: "from" | "to"): { ok: true; value: string } | { ok: false; message: string } {
  const raw = single(query, name);
  if (!raw.ok) return raw;
  if (raw.value === undefined) return { ok: false, message: `${name} is required (a currency code such as USD)` };
  const code = raw.value.toUpperCase();
  if (!CODE.test(code)) return { ok: false, message: `${name} must be a three-letter currency code such as USD` };
  if (minorUnits(code) === undefined) return { ok: false, message: `${name}: ${code} is not an ISO 4217 currency` };
  return { ok: true, value: code };
}

/**
 * Validates the query of `GET /v1/convert`. Pure: returns the first problem with the field it
 * belongs to, in the order a person reads the form (amount, from, to, date).
 */
export function parseConvertQuery(query: Record<string, unknown>): QueryResult {
  const amountText = single(query, "amount");
  if (!amountText.ok) return { ok: false, field: "amount", message: amountText.message };
  const amount = parseAmount(amountText.value ?? "");
  if (!amount.ok) return { ok: false, field: "amount", message: amount.message };
  const from = currency(query, "from");
  if (!from.ok) return { ok: false, field: "from", message: from.message };
  const to = currency(query, "to");
  if (!to.ok) return { ok: false, field: "to", message: to.message };
  const date = single(query, "date");
  if (!date.ok) return { ok: false, field: "date", message: date.message };
  if (date.value !== undefined && !isCalendarDate(date.value)) {
    return { ok: false, field: "date", message: "date must be a calendar day written YYYY-MM-DD" };
  }
  return { ok: true, value: { from: from.value, to: to.value, amount: amount.value, date: date.value } };
}

/** parseConvertQuery for the HTTP edge: a problem becomes a 400 naming the field. */
export function requireConvertQuery(query: Record<string, unknown>): ConvertQuery {
  const result = parseConvertQuery(query);
  if (!result.ok) throw invalidParameter(result.field, result.message);
  return result.value;
}
