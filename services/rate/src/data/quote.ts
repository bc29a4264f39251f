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

/** For validating and normalising amounts; the rates themselves use BigInt (see crossQuote). */
const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -1000, toExpPos: 1000 });

/** A positive decimal literal as the ECB writes it ("1.1684", "186.75", "20082.05"). */
export const DECIMAL_LITERAL = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * How many `to` one `amount` of `from` buys, given each currency's units per 1 EUR (`undefined` for
 * EUR itself). Exact integer arithmetic on the decimal digits (BigInt), rounded once at the end by
 * the rule above; decimal.js gives the same answers (a property test checks against it) but took about a
 * third of this service's CPU per request.
 */
export function crossQuote(amount: string, fromPerEur: string | undefined, toPerEur: string | undefined): string {
  if (amount === "1" && fromPerEur === undefined && toPerEur !== undefined) return toPerEur;
  const a = scaled(amount);
  const t = scaled(toPerEur ?? "1");
  const f = scaled(fromPerEur ?? "1");
  // value = (a.units / 10^a.scale) * (t.units / 10^t.scale) / (f.units / 10^f.scale) = n / d
  const n = a.units * t.units * 10n ** BigInt(f.scale);
  const d = f.units * 10n ** BigInt(a.scale + t.scale);
  return roundRatio(n, d);
}

function scaled(literal: string): { units: bigint; scale: number } {
  const dot = literal.indexOf(".");
  if (dot === -1) return { units: BigInt(literal), scale: 0 };
  return { units: BigInt(literal.slice(0, dot) + literal.slice(dot + 1)), scale: literal.length - dot - 1 };
}

/** n/d (both positive) rounded half up to max(SIGNIFICANT_DIGITS, integer digits) significant digits. */
function roundRatio(n: bigint, d: bigint): string {
  const whole = n / d;
  const integerDigits = whole === 0n ? 0 : whole.toString().length;
  if (integerDigits >= SIGNIFICANT_DIGITS) return halfUp(n, d).toString();
  // Decimal places that leave SIGNIFICANT_DIGITS digits: from the integer digits, or for values
  // below 1 from the position of the first non-zero digit.
  let places = SIGNIFICANT_DIGITS - integerDigits;
  if (integerDigits === 0) {
    let leadingZeros = Math.max(0, d.toString().length - n.toString().length - 1);
    while (n * 10n ** BigInt(leadingZeros + 1) < d) leadingZeros++;
    places = SIGNIFICANT_DIGITS + leadingZeros;
  }
  const units = halfUp(n * 10n ** BigInt(places), d).toString().padStart(places + 1, "0");
  const text = `${units.slice(0, -places)}.${units.slice(-places)}`;
  return text.replace(/\.?0+$/, "");
}

function halfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  return (n % d) * 2n >= d ? q + 1n : q;
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
