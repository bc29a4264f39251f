import assert from "node:assert/strict";
import { test } from "node:test";
import { activeFaults, describeFault, describeFaultShort, faultRequest, planClear, planFault } from "./faults";

const NOW = Date.parse("2026-11-25T02:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

test("faultRequest: defaults (10 minutes, no latency, no errors) and bounds with the reason", () => {
  assert.deepEqual(faultRequest.parse({ version: "v3", errorRatio: 0.2 }), { version: "v3", latencyMs: 0, errorRatio: 0.2, minutes: 10 });
  const issues = (v: unknown) => faultRequest.safeParse(v).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  assert.deepEqual(issues({ version: "v3", minutes: 61, errorRatio: 0.1 }), ["minutes: must be 60 or less"]);
  assert.deepEqual(issues({ version: "v3", errorRatio: 1.5 }), ["errorRatio: must be between 0 and 1"]);
  assert.deepEqual(issues({ version: "v3", latencyMs: 30_001 }), ["latencyMs: must be 30000 or less"]);
  assert.deepEqual(issues({ version: "v 3", latencyMs: 5 }), ["version: may hold only letters, digits, '.', '_' and '-'"]);
  assert.deepEqual(issues({ version: "v3" }), ["latencyMs: set an added latency or an error ratio (both 0 is no fault)"]);
});

test("planFault: replaces the version's entry, keeps the others, drops expired ones, expires after the minutes asked", () => {
  const table = {
    faults: [
      { version: "v3", latencyMs: 100, errorRatio: 0, expiresAt: iso(NOW + 60_000) },
      { version: "v2", latencyMs: 0, errorRatio: 0.5, expiresAt: iso(NOW + 60_000) },
      { version: "v1", latencyMs: 0, errorRatio: 0.5, expiresAt: iso(NOW - 1) },
    ],
  };
  const r = planFault(table, { version: "v3", latencyMs: 300, errorRatio: 0.2, minutes: 10 }, NOW);
  assert.deepEqual(r, {
    ok: true,
    value: {
      faults: [
        { version: "v2", latencyMs: 0, errorRatio: 0.5, expiresAt: iso(NOW + 60_000) },
        { version: "v3", latencyMs: 300, errorRatio: 0.2, expiresAt: "2026-11-25T02:10:00.000Z" },
      ],
    },
  });
  assert.deepEqual(planFault(null, { version: "v1", latencyMs: 5, errorRatio: 0, minutes: 60 }, NOW), { ok: true, value: { faults: [{ version: "v1", latencyMs: 5, errorRatio: 0, expiresAt: "2026-11-25T03:00:00.000Z" }] } });
});

test("planFault: more entries than the sidecars accept is refused with their reason", () => {
  const full = { faults: Array.from({ length: 16 }, (_, i) => ({ version: `v${i}`, latencyMs: 1, errorRatio: 0, expiresAt: iso(NOW + 60_000) })) };
  const r = planFault(full, { version: "v99", latencyMs: 1, errorRatio: 0, minutes: 1 }, NOW);
  assert.equal(r.ok, false);
  assert.match(r.ok ? "" : r.message, /faults/);
});

test("planClear: one version or all; activeFaults lists what is in force with the time left; describeFault reads it out", () => {
  const table = {
    faults: [
      { version: "v3", latencyMs: 300, errorRatio: 0.2, expiresAt: iso(NOW + 540_000) },
      { version: "v2", latencyMs: 0, errorRatio: 0.05, expiresAt: iso(NOW + 45_500) },
      { version: "v4", latencyMs: 0, errorRatio: 0, expiresAt: iso(NOW + 60_000) },
      { version: "v1", latencyMs: 10, errorRatio: 0, expiresAt: iso(NOW) },
    ],
  };
  const cleared = planClear(table, "v3", NOW);
  assert.deepEqual(cleared.ok ? cleared.value.faults.map((f) => f.version) : cleared.message, ["v2", "v4"]);
  assert.deepEqual(planClear(table, null, NOW), { ok: true, value: { faults: [] } });
  const active = activeFaults("forex-rate", table, NOW);
  assert.deepEqual(
    active.map((f) => [f.service, f.version, f.secondsLeft, describeFault(f)]),
    [
      ["forex-rate", "v2", 46, "5% errors · 46 s left"],
      ["forex-rate", "v3", 540, "+300 ms · 20% errors · 9 min left"],
    ],
  );
  assert.deepEqual(activeFaults("forex-rate", null, NOW), []);
  assert.deepEqual(active.map(describeFaultShort), ["5%err 46s left", "+300ms 20%err 9m left"]);
});
