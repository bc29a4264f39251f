import assert from "node:assert/strict";
import { test } from "node:test";
import { ninetyDayXml, renderXml, snapshotTable } from "../testing/ecb-files.js";
import { parseEcbXml } from "./parse-xml.js";
import { buildTable } from "./rate-table.js";

test("the 90-day XML parses into 61 days whose every value equals the history's", () => {
  const { text, origin } = ninetyDayXml();
  const table = buildTable(parseEcbXml(text));
  const history = snapshotTable();
  assert.equal(table.days.length, 61, `origin ${origin}`);
  if (origin === "shared") {
    assert.equal(table.days[0], "2025-03-21");
    assert.equal(table.days.at(-1), "2025-06-18");
    assert.equal(table.currencies.length, 30);
    assert.ok(table.currencies.includes("BGN"));
  }
  let compared = 0;
  table.days.forEach((day, index) => {
    const at = history.days.indexOf(day);
    assert.ok(at >= 0, `${day} is in the history`);
    for (const code of history.currencies) {
      assert.equal(table.columns.get(code)?.[index], history.columns.get(code)![at], `${code} on ${day}`);
      compared++;
    }
  });
  assert.ok(compared > 1800);
});

test("the eurofxref namespace may be bound to a prefix instead of the default", () => {
  const history = snapshotTable();
  const prefixed = parseEcbXml(renderXml(history, 3, "ecb"));
  assert.deepEqual(prefixed, parseEcbXml(renderXml(history, 3)));
  assert.equal(prefixed.length, 3);
  assert.equal(prefixed[0]!.date, "2026-04-13");
  assert.equal(prefixed[0]!.rates["USD"], "1.1684");
});

test("indented XML with comments parses the same as the one-line layout", () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <gesmes:subject>Reference rates</gesmes:subject>
  <!-- a comment -->
  <Cube>
    <Cube time="2017-03-03">
      <Cube currency="USD" rate="1.0565"/>
      <Cube currency="JPY" rate="120.83"/>
    </Cube>
  </Cube>
</gesmes:Envelope>`;
  assert.deepEqual(parseEcbXml(xml), [{ date: "2017-03-03", rates: { USD: "1.0565", JPY: "120.83" } }]);
});

test("Cubes outside the eurofxref namespace, malformed XML and days without quotes' attributes are refused", () => {
  const otherNs = `<Envelope xmlns="http://example.com/other"><Cube><Cube time="2017-03-03"><Cube currency="USD" rate="1"/></Cube></Cube></Envelope>`;
  assert.throws(() => parseEcbXml(otherNs), /does not declare the eurofxref namespace/);
  assert.throws(() => parseEcbXml("<Envelope><Cube>"), /not well-formed XML/);
  const noRate = `<E xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><Cube><Cube time="2017-03-03"><Cube currency="USD"/></Cube></Cube></E>`;
  assert.throws(() => parseEcbXml(noRate), /lacks currency or rate/);
  const empty = `<E xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><Cube></Cube></E>`;
  assert.throws(() => parseEcbXml(empty), /holds no Cube time/);
});
