/**
 * Properties of the three formats: any history survives CSV, XML and snapshot round trips exactly,
 * and any bytes at all either parse into a valid table or fail with RatesFormatError (never a
 * TypeError or a RangeError that would surface as a crash).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { RatesFormatError } from "../errors.js";
import { renderCsv, renderXml } from "../testing/ecb-files.js";
import { parseEcbCsv } from "./parse-csv.js";
import { parseEcbXml } from "./parse-xml.js";
import { buildTable, type DayRates } from "./rate-table.js";
import { decodeSnapshot, encodeSnapshot } from "./snapshot.js";
import { parseRates } from "./source.js";

const day = fc.integer({ min: 0, max: 12_000 }).map((n) => new Date(Date.UTC(1999, 0, 4 + n)).toISOString().slice(0, 10));
const rate = fc
  .tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 6 }))
  .map(([units, scale]) => {
    const digits = String(units).padStart(scale + 1, "0");
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return text.replace(/^0+(?=\d)/, "");
  });
const code = fc.constantFrom("USD", "JPY", "ISK", "TRL", "RUB", "BGN", "ZAR");
const history = fc
  .uniqueArray(day, { minLength: 1, maxLength: 40 })
  .chain((days) => fc.tuple(...days.map((date) => fc.dictionary(code, rate, { maxKeys: 7 }).map((rates): DayRates => ({ date, rates })))))
  .map((days) => buildTable(days));

test("CSV, XML and snapshot round trips give back the same table", () => {
  fc.assert(
    fc.property(history, (table) => {
      assert.deepEqual(buildTable(parseEcbCsv(renderCsv(table))), table);
      assert.deepEqual(buildTable(parseEcbXml(renderXml(table, table.days.length))), table);
      assert.deepEqual(decodeSnapshot(encodeSnapshot(table, { name: "p", sha256: "0" })), table);
    }),
    { numRuns: 200 },
  );
});

test("arbitrary bytes, text and near-miss documents parse or fail with RatesFormatError only", () => {
  const nearMiss = fc.oneof(
    fc.string().map((s) => `Date,USD,\n${s}`),
    fc.string().map((s) => `<E xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><Cube>${s}</Cube></E>`),
    fc.json().map((j) => `{"format":"forex-mesh/ecb-snapshot","version":1,"x":${j}}`),
    fc.record({ first_day: fc.string(), day_gaps: fc.string(), from: fc.integer(), rates: fc.string() }).map(
      (f) =>
        JSON.stringify({
          format: "forex-mesh/ecb-snapshot",
          version: 1,
          source: { name: "", sha256: "" },
          first_day: f.first_day,
          day_gaps: f.day_gaps,
          currencies: { USD: { from: f.from, rates: f.rates } },
        }),
    ),
    fc.constant(`{"format":"forex-mesh/ecb-snapshot","version":1,"source":{"name":"","sha256":""},"first_day":"1999-01-04","day_gaps":"${"9999,".repeat(400)}1","currencies":{}}`),
  );
  const input = fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from(b)])),
    fc.string().map((s) => Buffer.from(s)),
    nearMiss.map((s) => Buffer.from(s)),
    nearMiss.map((s) => gzipSync(s)),
  );
  fc.assert(
    fc.property(input, (bytes) => {
      try {
        const { table } = parseRates(bytes);
        assert.ok(table.days.length > 0);
      } catch (error) {
        assert.ok(error instanceof RatesFormatError, `${(error as Error).name}: ${(error as Error).message}`);
      }
    }),
    { numRuns: 1000 },
  );
});
