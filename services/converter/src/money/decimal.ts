import { Decimal } from "decimal.js";

/**
 * Money arithmetic. A private Decimal clone so no other module's settings leak in: 200 significant
 * digits is far above amount (≤ 15) + rate (≤ 40) digits, so the product is always exact and the
 * only rounding is the final, explicit one to the currency's minor units.
 */
export const Money = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });
export type Money = InstanceType<typeof Money>;

export const MAX_AMOUNT = new Money("1e12");
export const MAX_AMOUNT_DIGITS = 15;
const MAX_RATE_DIGITS = 40;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

// Plain decimal notation only: no sign, exponent, separators or spaces, so what a person typed is
// what gets converted. The length cap bounds the work before the regex runs.
const AMOUNT = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const RATE = /^\d+(?:\.\d+)?(?:[eE][+-]?\d{1,2})?$/;

/** Parses a user-supplied amount: positive, at most 15 significant digits, at most 1e12. */
export function parseAmount(text: string): Parsed<Money> {
  if (text.length === 0) return { ok: false, message: "amount is required" };
  if (text.length > 64 || !AMOUNT.test(text)) {
    return { ok: false, message: "amount must be a plain decimal number such as 100 or 100.50" };
  }
  const value = new Money(text);
  if (value.isZero()) return { ok: false, message: "amount must be greater than zero" };
  if (value.gt(MAX_AMOUNT)) return { ok: false, message: "amount must be at most 1000000000000 (1e12)" };
  if (value.sd() > MAX_AMOUNT_DIGITS) {
    return { ok: false, message: `amount must have at most ${MAX_AMOUNT_DIGITS} significant digits` };
  }
  return { ok: true, value };
}

/** Parses a rate exactly as forex-rate wrote it in its JSON text: a positive decimal. */
export function parseRate(text: string): Parsed<Money> {
  if (text.length > 64 || !RATE.test(text)) return { ok: false, message: `rate ${JSON.stringify(text)} is not a decimal number` };
  const value = new Money(text);
  if (value.isZero()) return { ok: false, message: "rate is zero" };
  if (value.sd() > MAX_RATE_DIGITS) return { ok: false, message: `rate has more than ${MAX_RATE_DIGITS} significant digits` };
  return { ok: true, value };
}

/**
 * amount × rate, computed exactly, then rounded half-up to `minorUnits` decimals and written in
 * plain notation with exactly that many decimals ("15991.56", "1599", "12.340").
 */
export function convertAmount(amount: Money, rate: Money, minorUnits: number): string {
  return amount.times(rate).toDecimalPlaces(minorUnits, Money.ROUND_HALF_UP).toFixed(minorUnits);
}

/** Plain notation without trailing zeros ("100.5", "0.0001", "1000000000000"). */
export function plain(value: Money): string {
  return value.toFixed();
}
