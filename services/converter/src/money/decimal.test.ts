import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { convertAmount, Money, parseAmount, parseRate } from "./decimal.js";

/** An independent exact reference: decimals as (BigInt digits, scale), half-up by integer division. */
function referenceConvert(amountText: string, rateText: string, minorUnits: number): string {
  const toScaled = (text: string): [bigint, number] => {
    const [whole = "0", fraction = ""] = text.split(".");
    return [BigInt(whole + fraction || "0"), fraction.length];
  };
  const [a, aScale] = toScaled(amountText);
  const [r, rScale] = toScaled(rateText);
  const product = a * r;
  const scale = aScale + rScale;
  let rounded: bigint;
  if (scale <= minorUnits) rounded = product * 10n ** BigInt(minorUnits - scale);
  else {
    const divisor = 10n ** BigInt(scale - minorUnits);
    rounded = (product * 2n + divisor) / (divisor * 2n); // floor(x + 1/2) for x ≥ 0: half-up
  }
  const digits = rounded.toString().padStart(minorUnits + 1, "0");
  return minorUnits === 0 ? digits : `${digits.slice(0, -minorUnits)}.${digits.slice(-minorUnits)}`;
}

const decimalText = (maxWhole: number, maxFraction: number) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** BigInt(maxWhole) - 1n }), fc.integer({ min: 0, max: maxFraction }))
    .chain(([whole, fractionDigits]) =>
      fractionDigits === 0
        ? fc.constant(whole.toString())
        : fc.bigInt({ min: 0n, max: 10n ** BigInt(fractionDigits) - 1n }).map((f) => `${whole}.${f.toString().padStart(fractionDigits, "0")}`),
    );

test("conversion equals an exact BigInt computation rounded half-up", () => {
  fc.assert(
    fc.property(decimalText(12, 6), decimalText(7, 8), fc.constantFrom(0, 2, 3, 4), (amount, rate, units) => {
      fc.pre(new Money(amount).gt(0) && new Money(rate).gt(0));
      assert.equal(convertAmount(new Money(amount), new Money(rate), units), referenceConvert(amount, rate, units));
    }),
    { numRuns: 2000 },
  );
});

test("exactly half a minor unit rounds up, just below rounds down", () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.constantFrom(0, 2, 3), (units, minor) => {
      const write = (scaled: bigint, decimals: number): string => {
        const digits = scaled.toString().padStart(decimals + 1, "0");
        return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
      };
      // amount = units/10^minor + 0.5/10^minor exactly (one more decimal than the currency has).
      const half = write(units * 10n + 5n, minor + 1);
      const below = write(units * 100n + 49n, minor + 2);
      assert.equal(convertAmount(new Money(half), new Money(1), minor), write(units + 1n, minor));
      assert.equal(convertAmount(new Money(below), new Money(1), minor), write(units, minor));
    }),
    { numRuns: 1000 },
  );
});

test("known conversions, with the target's minor units", () => {
  assert.equal(convertAmount(new Money("100.50"), new Money("159.12"), 0), "15992");
  assert.equal(convertAmount(new Money("100.50"), new Money("159.12"), 2), "15991.56");
  assert.equal(convertAmount(new Money("1"), new Money("0.30557"), 3), "0.306");
  assert.equal(convertAmount(new Money("0.1"), new Money("0.2"), 2), "0.02");
  assert.equal(convertAmount(new Money("1000000000000"), new Money("20082.05"), 2), "20082050000000000.00");
  assert.equal(convertAmount(new Money("0.005"), new Money("1"), 2), "0.01");
  assert.equal(convertAmount(new Money("0.0049"), new Money("1"), 2), "0.00");
});

test("amounts: positive, plain decimal, at most 15 significant digits and 1e12", () => {
  for (const ok of ["1", "100.50", "0.01", "1000000000000", "999999999999.999", ".5", "7.", "0.000000000000001"]) {
    assert.equal(parseAmount(ok).ok, true, ok);
  }
  const rejected: Record<string, RegExp> = {
    "": /required/,
    "0": /greater than zero/,
    "0.000": /greater than zero/,
    "-1": /plain decimal/,
    "+1": /plain decimal/,
    "1e3": /plain decimal/,
    "1,000": /plain decimal/,
    " 1": /plain decimal/,
    abc: /plain decimal/,
    NaN: /plain decimal/,
    Infinity: /plain decimal/,
    "0x10": /plain decimal/,
    "1000000000000.01": /at most 1000000000000/,
    "1234567890.123456": /15 significant digits/,
    [`1${"0".repeat(70)}`]: /plain decimal/,
  };
  for (const [text, message] of Object.entries(rejected)) {
    const parsed = parseAmount(text);
    assert.equal(parsed.ok, false, text);
    if (!parsed.ok) assert.match(parsed.message, message, text);
  }
});

test("parseAmount never throws and accepts only what it promises", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), decimalText(16, 8), fc.double().map(String)), (text) => {
      const parsed = parseAmount(text);
      if (parsed.ok) {
        assert.ok(parsed.value.gt(0) && parsed.value.lte("1e12") && parsed.value.sd() <= 15);
        assert.ok(parsed.value.eq(new Money(text)));
      }
    }),
    { numRuns: 3000 },
  );
});

test("rates keep every digit and reject what is not a positive decimal", () => {
  const parsed = parseRate("0.000012345678901234567890123");
  assert.ok(parsed.ok && parsed.value.toFixed() === "0.000012345678901234567890123");
  const exp = parseRate("1.5e-7");
  assert.ok(exp.ok && exp.value.toFixed() === "0.00000015");
  for (const bad of ["0", "-1.2", "", "1.2.3", "NaN", "1e9999"]) assert.equal(parseRate(bad).ok, false, bad);
});
