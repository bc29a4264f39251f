import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { DEFAULT_VALUES, FIELDS, hasErrors, normalizeAmount, readForm } from "./form.js";

test("an empty query is the first visit: defaults, nothing submitted, no errors", () => {
  const state = readForm({});
  assert.equal(state.submitted, false);
  assert.deepEqual(state.values, DEFAULT_VALUES);
  assert.equal(hasErrors(state), false);
});

test("a submitted form keeps what was typed and normalizes the amount for the converter", () => {
  const state = readForm({ amount: " 1,250.50 ", from: "usd", to: "JPY", date: "" });
  assert.equal(state.submitted, true);
  assert.deepEqual(state.values, { amount: "1,250.50", from: "USD", to: "JPY", date: "" });
  assert.equal(state.amount, "1250.50");
  assert.equal(hasErrors(state), false);
});

test("each mistake gets a message on its own field", () => {
  const state = readForm({ amount: "twelve", from: "", to: "J", date: "13/04/2026" });
  assert.match(state.errors.amount ?? "", /as a number/);
  assert.match(state.errors.from ?? "", /convert from/);
  assert.match(state.errors.to ?? "", /convert to/);
  assert.match(state.errors.date ?? "", /YYYY-MM-DD/);
  assert.match(readForm({ amount: "0.00", from: "USD", to: "JPY" }).errors.amount ?? "", /greater than zero/);
  assert.match(readForm({ from: "USD", to: "JPY" }).errors.amount ?? "", /Enter an amount/);
  assert.match(readForm({ amount: "1", from: "USD", to: "JPY", date: "1998-12-31" }).errors.date ?? "", /1999/);
});

test("thousands separators are removed only when they are really grouping", () => {
  assert.equal(normalizeAmount("1,000,000.25"), "1000000.25");
  assert.equal(normalizeAmount("1 000"), "1000");
  assert.equal(normalizeAmount("1,00"), "1,00");
  assert.equal(normalizeAmount("12,3456"), "12,3456");
});

test("any query yields a form whose errors are only on known fields", () => {
  const value = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 }), fc.constant(undefined), fc.object());
  fc.assert(
    fc.property(fc.record({ amount: value, from: value, to: value, date: value, other: value }, { requiredKeys: [] }), (query) => {
      const state = readForm(query);
      for (const key of Object.keys(state.errors)) assert.ok((FIELDS as readonly string[]).includes(key));
      for (const field of FIELDS) assert.ok(state.values[field].length <= 100);
    }),
    { numRuns: 2000 },
  );
});
