/**
 * Property: whatever the path, parameters, dates and currencies, the service answers 2xx or a JSON
 * 4xx, never a 5xx. Inputs mix valid tokens (so deep code paths run) with arbitrary text.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { startRateApp } from "../testing/servers.js";
import { closeClient, get } from "./http.js";

let app: Awaited<ReturnType<typeof startRateApp>>;
before(async () => {
  app = await startRateApp();
});
after(async () => {
  closeClient();
  await app.close();
});

const anyText = fc.string({ maxLength: 12, unit: "binary" }).map(encodeURIComponent);
const rawPercent = fc.constantFrom("%", "%E0%A4%A", "%FF", "%00", "%2F", "..", ".", "%2E%2E");
const code = fc.oneof(
  fc.constantFrom("EUR", "USD", "JPY", "GBP", "ISK", "RUB", "BGN", "TRL", "ROL", "HRK", "IDR", "KRW", "usd", "XXX", "EU", "EURO", ""),
  anyText,
);
const date = fc.oneof(
  fc.date({ min: new Date("1998-06-01"), max: new Date("2027-06-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom("latest", "1999-01-04", "2008-12-10", "2022-03-02", "2026-04-13", "2026-02-30", "0000-00-00", "99999-01-01"),
  anyText,
);
const segment = fc.oneof(
  date,
  fc.tuple(date, date).map(([a, b]) => `${a}..${b}`),
  date.map((a) => `${a}..`),
  rawPercent,
);
const amount = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom("1", "0", "-5", "1e308", "0.000000000000001", "999999999999.999", "1000000000000", ".5", "5.", "0x1"),
  anyText,
);
const param = fc.tuple(fc.constantFrom("base", "from", "symbols", "to", "amount", "details", "other"), fc.oneof(code, amount, fc.array(code, { maxLength: 5 }).map((c) => c.join(","))));
const query = fc.array(param, { maxLength: 6 }).map((pairs) => (pairs.length === 0 ? "" : `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`));
const path = fc.oneof(
  fc.tuple(segment, query).map(([s, q]) => `/v1/${s}${q}`),
  query.map((q) => `/v1/currencies${q}`),
  fc.tuple(date, code, code).map(([d, a, b]) => `/${d}/${a}/${b}`),
  fc.array(fc.oneof(anyText, rawPercent), { maxLength: 4 }).map((parts) => `/${parts.join("/")}`),
);

test("no request makes the service answer 5xx; every refusal is JSON with a message", async () => {
  await fc.assert(
    fc.asyncProperty(path, async (p) => {
      const answer = await get(app.url, p);
      assert.ok(answer.status < 500, `${p} → ${answer.status} ${answer.text}`);
      if (answer.status >= 400) assert.equal(typeof (answer.json() as { message: unknown }).message, "string", p);
    }),
    { numRuns: 600 },
  );
});
