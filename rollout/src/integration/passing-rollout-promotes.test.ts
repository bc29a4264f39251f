/**
 * A healthy canary: the controller waits for the canary to be healthy in Nomad, steps the route
 * table 10 → 25 → 50 → 100 (keeping override, timeout and retry), records a passing verdict per
 * step with the gate values, promotes the deployment, and collapses the table to v2 — with one
 * routing-history entry (actor "rollout") per change.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { deployCanary, healthyFigures, latestDeployment, putRoutes, putSpec, readHistory, readRoutes, ROUTES_BEFORE, startController, startWorld, waitForStatus } from "./helpers.js";

test("a passing rollout steps 10 → 25 → 50 → 100 and promotes the deployment", { timeout: 120_000 }, async (t) => {
  const world = await startWorld(t);
  world.prometheus.figures.set("v2", healthyFigures);
  world.prometheus.figures.set("v1", healthyFigures);
  await deployCanary(world);
  await putRoutes(world.kv, ROUTES_BEFORE);
  const id = await putSpec(world.kv);
  await startController(t, world);

  const done = await waitForStatus(world.kv, "the rollout to succeed", (s) => s.phase === "succeeded", 60_000);
  assert.equal(done.id, id);
  assert.equal(done.weight, 100);
  // The spec lands while the canary is still starting: the controller waits for it first.
  for (const e of done.events.filter((x) => x.kind === "waiting")) assert.match(e.message, /^waiting for canaries: 0 of 1 healthy/);
  const judged = done.events.filter((e) => e.kind !== "waiting");
  assert.deepEqual(
    judged.map((e) => `${e.kind}${e.outcome ? `:${e.outcome}` : ""}@${e.step}/${e.weight}`),
    ["started@-1/0", "step@0/10", "verdict:pass@0/10", "step@1/25", "verdict:pass@1/25", "step@2/50", "verdict:pass@2/50", "step@3/100", "verdict:pass@3/100", "promoted@3/100"],
  );
  const firstVerdict = judged[2];
  assert.deepEqual(firstVerdict?.gates?.map((g) => [g.name, g.canary, g.stable, g.threshold, g.pass]), [
    ["min_requests", 500, 500, 50, true],
    ["success_ratio", 1, 1, 0.99, true],
    ["success_vs_stable", 1, 1, 0.99, true],
    ["p99", 20, 20, 1000, true],
    ["p99_vs_stable", 20, 20, 50, true],
  ]);

  const dep = await waitFor("the deployment to complete after promotion", async () => {
    const d = await latestDeployment(world.nomad);
    return d?.Status === "successful" ? d : undefined;
  }, { timeoutMs: 30_000, intervalMs: 100 });
  assert.equal(dep.JobVersion, 1);
  assert.equal(Object.values(dep.TaskGroups ?? {})[0]?.Promoted, true);

  const routes = await readRoutes(world.kv);
  assert.deepEqual(routes, { ...ROUTES_BEFORE, split: [{ version: "v2", weight: 100 }] }, "override, timeoutMs and retry kept");
  const history = await readHistory(world.kv);
  assert.deepEqual(
    history.entries.map((e) => [e.actor, e.split.find((x) => x.version === "v2")?.weight, e.reason]),
    [
      ["rollout", 10, `rollout ${id} step 1/4: 10%`],
      ["rollout", 25, `rollout ${id} step 2/4: 25%`],
      ["rollout", 50, `rollout ${id} step 3/4: 50%`],
      ["rollout", 100, `rollout ${id} step 4/4: 100%`],
      ["rollout", 100, `rollout ${id} promoted: v2 is the stable version`],
    ],
  );
  for (const e of history.entries) assert.ok((e.revision ?? 0) > 0, "each entry names the route key's revision");

  // The window is the step's own: whole seconds, at least the minimum (2 × 0.5 s), ending at stepStartedAt + window.
  const windows = world.prometheus.queries.map((q) => Number(/\[(\d+)s\]/.exec(q.query)?.[1]));
  assert.ok(windows.length >= 12 && windows.every((w) => w >= 1), `windows: ${windows.join(",")}`);
  assert.ok(world.prometheus.queries.every((q) => q.query.includes('direction="inbound",service="demo",dst_version=~"v2|v1"')));
});
