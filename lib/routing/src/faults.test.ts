import assert from "node:assert/strict";
import { test } from "node:test";
import { activeFault, isFaultExempt, pruneFaults } from "./faults.js";
import { parseFaultTable } from "./parse.js";

const now = Date.parse("2026-11-25T02:00:00.000Z");
const later = "2026-11-25T02:05:00.000Z";
const earlier = "2026-11-25T01:55:00.000Z";

test("a fault table with one entry per version parses", () => {
  const text = JSON.stringify({ faults: [{ version: "v3", latencyMs: 200, errorRatio: 0.2, expiresAt: later }] });
  const result = parseFaultTable(text);
  assert.equal(result.ok, true);
});

test("a ratio above 1, a negative latency and a missing expiry are each named", () => {
  const text = JSON.stringify({
    faults: [
      { version: "v2", latencyMs: -1, errorRatio: 1.5, expiresAt: later },
      { version: "v3", latencyMs: 0, errorRatio: 0 },
    ],
  });
  const result = parseFaultTable(text);
  assert.equal(result.ok, false);
  if (result.ok) return;
  const paths = result.error.issues.map((i) => i.path).sort();
  assert.deepEqual(paths, ["faults.0.errorRatio", "faults.0.latencyMs", "faults.1.expiresAt"]);
});

test("a version named twice is refused", () => {
  const entry = { version: "v2", latencyMs: 0, errorRatio: 0.1, expiresAt: later };
  const result = parseFaultTable(JSON.stringify({ faults: [entry, entry] }));
  assert.equal(result.ok, false);
  if (!result.ok) assert.deepEqual(result.error.issues.map((i) => i.path), ["faults.1.version"]);
});

test("the fault in force is the version's own, until it expires", () => {
  const table = {
    faults: [
      { version: "v2", latencyMs: 0, errorRatio: 0.2, expiresAt: later },
      { version: "v3", latencyMs: 100, errorRatio: 0, expiresAt: earlier },
    ],
  };
  assert.equal(activeFault(table, "v2", now)?.errorRatio, 0.2);
  assert.equal(activeFault(table, "v3", now), null, "expired");
  assert.equal(activeFault(table, "v1", now), null, "no entry");
  assert.equal(activeFault(table, "v2", Date.parse(later)), null, "expiry is exclusive");
  assert.equal(activeFault(null, "v2", now), null);
});

test("an entry with neither latency nor errors is not in force", () => {
  const table = { faults: [{ version: "v2", latencyMs: 0, errorRatio: 0, expiresAt: later }] };
  assert.equal(activeFault(table, "v2", now), null);
});

test("pruning drops expired entries only", () => {
  const table = {
    faults: [
      { version: "v2", latencyMs: 0, errorRatio: 0.2, expiresAt: later },
      { version: "v3", latencyMs: 100, errorRatio: 0, expiresAt: earlier },
    ],
  };
  assert.deepEqual(
    pruneFaults(table, now).faults.map((f) => f.version),
    ["v2"],
  );
});

test("health endpoints are exempt from faults, query aside; nothing else is", () => {
  for (const url of ["/healthz", "/readyz", "/readyz?probe=1"]) assert.equal(isFaultExempt(url), true, url);
  for (const url of ["/rate", "/", "/healthz/x", "/v1/readyz", "/healthzz", "/rate?path=/healthz"]) assert.equal(isFaultExempt(url), false, url);
});
