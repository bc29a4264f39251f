/**
 * @module quote: exact decimal arithmetic on the ECB's published strings, and the rounding rule for
 * everything that is not a published number.
 *
 * Rule: a computed value (a cross rate via EUR, or any rate times an amount) keeps 5 significant
 * digits, the way dealers quote pairs (EUR/USD 1.1684, USD/JPY 159.53, GBP/CHF 1.0617, USD/IDR 17187),
 * but never rounds into the integer part (100 EUR in IDR is 2008205, not 2008200). Ties round half
 * up. A rate the ECB published (base EUR, amount 1) is answered verbatim, with every published digit.
 */
import { Decimal as DecimalJs } from "decimal.js";

export const SIGNIFICANT_DIGITS = 5;

const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -1000, toExpPos: 1000 });
type Decimal = InstanceType<typeof Decimal>;

/** A positive decimal literal as the ECB writes it ("1.1684", "186.75", "20082.05"). */
export const DECIMAL_LITERAL = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** Rounds a positive exact value by the rule above and returns plain notation (never an exponent). */
export function roundQuote(value: Decimal): string {
  const integerDigits = value.gte(1) ? value.trunc().toFixed(0).length : 0;
  const rounded =
    integerDigits >= SIGNIFICANT_DIGITS
      ? value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
      : value.toSignificantDigits(SIGNIFICANT_DIGITS, Decimal.ROUND_HALF_UP);
  return rounded.toFixed();
}

/**
 * How many `to` one `amount` of `from` buys, given each currency's units per 1 EUR (`undefined` for
 * EUR itself). Exact until the final rounding, so the answer does not depend on binary floats.
 */
export function crossQuote(amount: string, fromPerEur: string | undefined, toPerEur: string | undefined): string {
  if (amount === "1" && fromPerEur === undefined && toPerEur !== undefined) return toPerEur;
  if (fromPerEur === toPerEur && fromPerEur !== undefined) return roundQuote(new Decimal(amount));
  const numerator = new Decimal(amount).times(toPerEur ?? 1);
  return roundQuote(numerator.dividedBy(fromPerEur ?? 1));
}

/** Normalises a validated amount literal ("0100.50" → "100.5") so answers echo it consistently. */
export function normaliseAmount(amount: string): string {
  return new Decimal(amount).toFixed();
}

export function significantDigits(literal: string): number {
  return new Decimal(literal).sd(false);
}

export function compareDecimal(a: string, b: string): number {
  return new Decimal(a).comparedTo(b);
}
