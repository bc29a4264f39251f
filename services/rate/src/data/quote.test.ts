import assert from "node:assert/strict";
import { test } from "node:test";
import { Decimal as DecimalJs } from "decimal.js";
import fc from "fast-check";
import { crossQuote, SIGNIFICANT_DIGITS } from "./quote.js";

/** The reference: decimal.js with enough precision that products and quotients here are exact enough. */
const Decimal = DecimalJs.clone({ precision: 80 });
type Decimal = InstanceType<typeof Decimal>;

/** The rounding rule written the obvious way, with decimal.js, as the reference for crossQuote. */
function roundQuote(value: Decimal): string {
  const integerDigits = value.gte(1) ? value.trunc().toFixed(0).length : 0;
  const rounded =
    integerDigits >= SIGNIFICANT_DIGITS
      ? value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
      : value.toSignificantDigits(SIGNIFICANT_DIGITS, Decimal.ROUND_HALF_UP);
  return rounded.toFixed();
}

/** crossQuote with both sides at 1 is the rounding rule applied to `text` itself. */
const round = (text: string): string => crossQuote(text, "1", "1");

test("5 significant digits, half up, as pairs are quoted", () => {
  assert.equal(round("159.834788"), "159.83");
  assert.equal(round("1.16845"), "1.1685");
  assert.equal(round("1.16844999"), "1.1684");
  assert.equal(round("0.856373"), "0.85637");
  assert.equal(round("0.0000497956"), "0.000049796");
  assert.equal(round("17187.6"), "17188");
});

test("the integer part is never rounded away, and trailing zeros are dropped", () => {
  assert.equal(round("2008205"), "2008205");
  assert.equal(round("123456.5"), "123457");
  assert.equal(round("99999.5"), "100000");
  assert.equal(round("1.5000"), "1.5");
  assert.equal(round("0.00000000000043303123"), "0.00000000000043303");
});

test("a published EUR rate is answered verbatim; everything else is rounded", () => {
  assert.equal(crossQuote("1", undefined, "20082.05"), "20082.05");
  assert.equal(crossQuote("1", undefined, "0.87058"), "0.87058");
  assert.equal(crossQuote("100", undefined, "1.1684"), "116.84");
  assert.equal(crossQuote("1", "1.1684", undefined), "0.85587");
  assert.equal(crossQuote("1", "1.1684", "186.75"), "159.83");
  assert.equal(crossQuote("100.5", "1.1684", "186.75"), "16063");
  assert.equal(crossQuote("1", undefined, undefined), "1");
  assert.equal(crossQuote("1", "143.2", "143.2"), "1");
});

test("huge amounts keep every integer digit (a JS number would not)", () => {
  assert.equal(crossQuote("1000000000000", undefined, "20082.05"), "20082050000000000");
  // Checked with Python: Decimal("999999999999.999") * Decimal("20082.05") / Decimal("1.1684") = 17187649777473450.80…
  assert.equal(crossQuote("999999999999.999", "1.1684", "20082.05"), "17187649777473451");
});

test("property: the answer is the exact quotient rounded half up to max(5, integer digits) significant digits", () => {
  const literal = (min: number, max: number) =>
    fc.tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: 6 })).map(([units, scale]) => new Decimal(units).dividedBy(10 ** scale).toFixed());
  fc.assert(
    fc.property(literal(1, 10_000_000), literal(1, 10_000_000), literal(1, 1_000_000_000), (from, to, amount) => {
      const answer = new Decimal(crossQuote(amount, from, to));
      const exact = new Decimal(amount).times(to).dividedBy(from);
      const integerDigits = exact.gte(1) ? exact.trunc().toFixed(0).length : 0;
      const digits = Math.max(SIGNIFICANT_DIGITS, integerDigits);
      assert.ok(answer.sd(false) <= digits, `${answer} has more than ${digits} significant digits`);
      // Rounding moves the value by at most half a unit in the last kept place.
      const place = new Decimal(10).pow(exact.e - digits + 1);
      assert.ok(answer.minus(exact).abs().lte(place.dividedBy(2)), `${answer} is not ${exact} rounded`);
      assert.ok(answer.gt(0));
    }),
  );
});

test("property: the BigInt arithmetic agrees with decimal.js digit for digit", () => {
  const literal = fc
    .tuple(fc.bigInt({ min: 1n, max: 10n ** 16n }), fc.integer({ min: 0, max: 12 }))
    .map(([units, scale]) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale)).toFixed());
  const eur = fc.option(literal, { nil: undefined });
  fc.assert(
    fc.property(literal, eur, eur, (amount, from, to) => {
      fc.pre(!(amount === "1" && from === undefined && to !== undefined));
      const exact = new Decimal(amount).times(to ?? 1).dividedBy(from ?? 1);
      assert.equal(crossQuote(amount, from, to), roundQuote(exact), `${amount} × ${to} / ${from}`);
    }),
    { numRuns: 2000 },
  );
});
