import assert from "node:assert/strict";
import { test } from "node:test";
import { HttpError } from "@forex-mesh/service-kit";
import { readApiConvertQuery } from "./api.js";

const refused = (query: Record<string, unknown>, field: string, message: RegExp) =>
  assert.throws(
    () => readApiConvertQuery(query),
    (e: unknown) => e instanceof HttpError && e.status === 400 && e.code === "INVALID_INPUT" && e.field === field && message.test(e.message),
  );

test("a valid query becomes the converter request, as the form reads it", () => {
  assert.deepEqual(readApiConvertQuery({ amount: "1,250.50", from: "eur", to: "usd" }), { amount: "1250.50", from: "EUR", to: "USD", date: "" });
  assert.deepEqual(readApiConvertQuery({ amount: "5", from: "EUR", to: "JPY", date: "2024-03-01" }), {
    amount: "5",
    from: "EUR",
    to: "JPY",
    date: "2024-03-01",
  });
});

test("amount, from and to are required (no page defaults)", () => {
  refused({}, "amount", /amount is required/);
  refused({ amount: "1", to: "USD" }, "from", /from is required/);
  refused({ amount: "1", from: "EUR" }, "to", /to is required/);
});

test("the form's checks and wording apply", () => {
  refused({ amount: "abc", from: "EUR", to: "USD" }, "amount", /as a number/);
  refused({ amount: "0", from: "EUR", to: "USD" }, "amount", /greater than zero/);
  refused({ amount: "1", from: "EURO", to: "USD" }, "from", /convert from/);
  refused({ amount: "1", from: "EUR", to: "USD", date: "yesterday" }, "date", /YYYY-MM-DD/);
  refused({ amount: "1", from: "EUR", to: "USD", date: "1990-01-01" }, "date", /4 January 1999/);
});
