import assert from "node:assert/strict";
import { test } from "node:test";
import { appendHistory, type HistoryEntry } from "./history.js";
import { parseRoutingHistory } from "./parse.js";

function entry(i: number): HistoryEntry {
  return { at: new Date(Date.UTC(2026, 10, 25, 2, 0, i)).toISOString(), split: [{ version: "v1", weight: 100 }], actor: "console", reason: `change ${i}` };
}

test("appending to no history starts one", () => {
  assert.deepEqual(appendHistory(null, entry(1)), { entries: [entry(1)] });
});

test("appending beyond the cap drops the oldest entries", () => {
  let history = null;
  for (let i = 0; i < 5; i += 1) history = appendHistory(history, entry(i), 3);
  assert.deepEqual(
    history?.entries.map((e) => e.reason),
    ["change 2", "change 3", "change 4"],
  );
});

test("a stored history round-trips through its parser; a bad one is refused with its path", () => {
  const good = appendHistory(null, entry(1));
  assert.deepEqual(parseRoutingHistory(JSON.stringify(good)), { ok: true, value: good });
  const bad = parseRoutingHistory(JSON.stringify({ entries: [{ ...entry(1), split: [{ version: "v1", weight: 101 }] }] }));
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.error.issues[0]?.path, "entries.0.split.0.weight");
});
