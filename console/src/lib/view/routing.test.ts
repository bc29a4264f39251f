import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture } from "../../fixtures/load";
import { appliedAtFor, convergence, currentSplit, planWeight, revisionFor, targetVersion } from "./routing";

test("targetVersion: the newest version running or in the table (numeric order)", () => {
  assert.equal(targetVersion(["v1", "v2"], null), "v2");
  assert.equal(targetVersion(["v9"], { split: [{ version: "v10", weight: 0 }, { version: "v9", weight: 100 }] }), "v10");
  assert.equal(targetVersion([], null), null);
});

test("currentSplit: without a table, even over the stable versions (what the sidecars do)", () => {
  assert.deepEqual(currentSplit(null, ["v1", "v1"]), [{ version: "v1", weight: 100 }]);
  assert.deepEqual(currentSplit(null, ["v2", "v1", "v3"]), [{ version: "v1", weight: 34 }, { version: "v2", weight: 33 }, { version: "v3", weight: 33 }]);
});

test("planWeight: 10% for a new version from no table keeps the stable one at 90", () => {
  assert.deepEqual(planWeight(null, ["v1"], "v2", 10), { ok: true, table: { split: [{ version: "v1", weight: 90 }, { version: "v2", weight: 10 }] } });
});

test("planWeight: keeps the table's other settings and the others' proportions", () => {
  const table = { split: [{ version: "v1", weight: 50 }, { version: "v2", weight: 25 }, { version: "v3", weight: 25 }], timeoutMs: 2_000 };
  assert.deepEqual(planWeight(table, ["v1"], "v3", 50), {
    ok: true,
    table: { split: [{ version: "v1", weight: 33 }, { version: "v2", weight: 17 }, { version: "v3", weight: 50 }], timeoutMs: 2_000 },
  });
});

test("planWeight: a version the sidecars would refuse is rejected with the schema's reason", () => {
  const plan = planWeight(null, ["v1"], "v 2", 10);
  assert.equal(plan.ok, false);
  assert.match(plan.ok ? "" : plan.message, /may hold only letters, digits/);
});

test("revisionFor: a sidecar's /routes (captured from forex-web) names each upstream's revision", () => {
  const routes = fixture<unknown>("sidecar-routes-forex-web.json");
  assert.equal(revisionFor(routes, "forex-rate"), 77);
  assert.equal(revisionFor(routes, "forex-converter"), 0);
  assert.equal(revisionFor(routes, "forex-web"), undefined, "a sidecar that does not call forex-web is not counted");
  assert.equal(revisionFor(null, "forex-rate"), null, "a sidecar that does not answer counts as not applied");
});

test("convergence: counts sidecars at the KV revision and names the others", () => {
  const reports = [
    { service: "forex-web", instance: "aaaa", revision: 77, appliedAt: null },
    { service: "forex-converter", instance: "bbbb", revision: 70, appliedAt: null },
    { service: "forex-converter", instance: "cccc", revision: null, appliedAt: null },
  ];
  assert.deepEqual(convergence(reports, 77), { applied: 1, total: 3, lagging: ["forex-converter/bbbb", "forex-converter/cccc"], spreadMs: null });
  assert.deepEqual(convergence([], 77), { applied: 0, total: 0, lagging: [], spreadMs: null });
});

test("once every sidecar runs the revision, the spread is the slowest one's apply time after the write", () => {
  const at = Date.parse("2026-11-25T02:00:00.000Z");
  const reports = [
    { service: "forex-web", instance: "aaaa", revision: 77, appliedAt: at + 40 },
    { service: "forex-converter", instance: "bbbb", revision: 77, appliedAt: at + 140 },
  ];
  assert.equal(convergence(reports, 77, at).spreadMs, 140);
  assert.equal(convergence(reports, 77, null).spreadMs, null, "write time unknown (not written through a recorded writer)");
  assert.equal(convergence([{ ...reports[0]!, appliedAt: null }, reports[1]!], 77, at).spreadMs, null, "a sidecar that does not say when");
  assert.equal(convergence([{ ...reports[0]!, revision: 76 }, reports[1]!], 77, at).spreadMs, null, "not converged yet");
  assert.equal(convergence([{ ...reports[0]!, appliedAt: at + 3_600_000 }, reports[1]!], 77, at).spreadMs, null, "a sidecar restarted an hour after the write");
  assert.equal(appliedAtFor({ upstreams: [{ service: "forex-rate", revision: 77, appliedAt: "2026-11-25T02:00:00.140Z" }] }, "forex-rate"), at + 140);
  assert.equal(appliedAtFor({ upstreams: [{ service: "forex-rate", revision: 77, appliedAt: null }] }, "forex-rate"), null);
});
