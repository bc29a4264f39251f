import assert from "node:assert/strict";
import { test } from "node:test";
import { historyCsv, SMALL_CSV, snapshotTable } from "../testing/ecb-files.js";
import { parseEcbCsv } from "./parse-csv.js";
import { buildTable } from "./rate-table.js";

test("the history CSV parses into 6,983 days, 41 currencies, and the same values as the snapshot", () => {
  const { text, origin } = historyCsv();
  const table = buildTable(parseEcbCsv(text));
  const snapshot = snapshotTable();
  assert.equal(table.days.length, 6983, `origin ${origin}`);
  assert.equal(table.days[0], "1999-01-04");
  assert.equal(table.days.at(-1), "2026-04-13");
  assert.equal(table.currencies.length, 41);
  assert.deepEqual(table.days, snapshot.days);
  assert.deepEqual([...table.columns.entries()].sort(), [...snapshot.columns.entries()].sort());
});

test("published digits survive exactly: trailing zeros and long values are not re-formatted", () => {
  const table = buildTable(parseEcbCsv(historyCsv().text));
  const newest = table.days.length - 1;
  assert.equal(table.columns.get("USD")![newest], "1.1684");
  assert.equal(table.columns.get("IDR")![newest], "20082.05");
  assert.equal(table.columns.get("GBP")![newest], "0.87058");
  assert.equal(table.columns.get("USD")![0], "1.1789");
});

test("N/A cells are missing values and the trailing comma adds no column", () => {
  const days = parseEcbCsv(SMALL_CSV);
  assert.equal(days.length, 4);
  assert.deepEqual(days[0], { date: "2005-01-04", rates: { USD: "1.3578", JPY: "139.54", TRY: "1.8289" } });
  assert.deepEqual(Object.keys(days[3]!.rates), ["USD", "JPY", "ISK", "TRL"]);
});

test("lines without the trailing comma and CRLF line ends parse the same", () => {
  const plain = SMALL_CSV.replaceAll(",\n", "\n").replaceAll("\n", "\r\n");
  assert.deepEqual(parseEcbCsv(plain), parseEcbCsv(SMALL_CSV));
});

test("a row with a missing cell or a header without Date is refused", () => {
  assert.throws(() => parseEcbCsv("Date,USD,JPY,\n2005-01-04,1.3578,\n"), /2 cells, the header has 3/);
  assert.throws(() => parseEcbCsv("Day,USD,\n2005-01-04,1.3578,\n"), /must start with "Date"/);
  assert.throws(() => parseEcbCsv(""), /empty CSV/);
});

test("buildTable refuses bad dates, duplicate days, zero and non-decimal rates", () => {
  assert.throws(() => buildTable(parseEcbCsv("Date,USD,\n2005-02-30,1.3,\n")), /not a date/);
  assert.throws(() => buildTable(parseEcbCsv("Date,USD,\n2005-01-04,1.3,\n2005-01-04,1.4,\n")), /appears twice/);
  assert.throws(() => buildTable(parseEcbCsv("Date,USD,\n2005-01-04,0.000,\n")), /bad rate/);
  assert.throws(() => buildTable(parseEcbCsv("Date,USD,\n2005-01-04,1e3,\n")), /bad rate/);
  assert.throws(() => buildTable(parseEcbCsv("Date,EUR,\n2005-01-04,1,\n")), /bad currency code/);
});
