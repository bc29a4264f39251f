import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { test } from "node:test";
import { DEFAULT_SNAPSHOT } from "../config.js";
import { SMALL_CSV } from "../testing/ecb-files.js";
import { parseEcbCsv } from "./parse-csv.js";
import { buildTable } from "./rate-table.js";
import { decodeSnapshot, encodeSnapshot } from "./snapshot.js";
import { detectFormat, parseRates } from "./source.js";

test("a table survives encode → decode unchanged, N/A gaps included", () => {
  const table = buildTable(parseEcbCsv(SMALL_CSV));
  const decoded = decodeSnapshot(encodeSnapshot(table, { name: "small.csv", sha256: "0".repeat(64) }));
  assert.deepEqual(decoded, table);
});

test("the committed snapshot loads in well under 300 ms and is under a third of the CSV's size", () => {
  const bytes = readFileSync(DEFAULT_SNAPSHOT);
  const started = performance.now();
  const table = decodeSnapshot(bytes);
  const elapsed = performance.now() - started;
  assert.equal(table.days.length, 6983);
  assert.ok(elapsed < 300, `took ${elapsed.toFixed(1)} ms`);
  assert.ok(statSync(DEFAULT_SNAPSHOT).size < 1_891_690 / 3);
});

test("format detection looks at the content: CSV, XML, snapshot; anything else is refused", () => {
  assert.equal(detectFormat(SMALL_CSV), "csv");
  assert.equal(detectFormat("\uFEFF  <?xml version='1.0'?><a/>"), "xml");
  assert.equal(detectFormat('{"format":"x"}'), "snapshot");
  assert.throws(() => detectFormat("hello"), /unrecognised rates format/);
  assert.equal(parseRates(readFileSync(DEFAULT_SNAPSHOT)).format, "snapshot");
});

test("a snapshot of another format or version, or with a column past the last day, is refused", () => {
  assert.throws(() => decodeSnapshot('{"format":"other","version":1}'), /not a forex-mesh\/ecb-snapshot v1 file/);
  const bad = { format: "forex-mesh/ecb-snapshot", version: 1, source: { name: "x", sha256: "0" }, first_day: "2020-01-02", day_gaps: "1", currencies: { USD: { from: 1, rates: "1.1,1.2" } } };
  assert.throws(() => decodeSnapshot(JSON.stringify(bad)), /does not fit the days/);
});
