import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DeploymentDesc } from "./constants.js";
import { failDeployment, newDeployment, newDeploymentState, refreshCounters } from "./deployment.js";
import { alloc, job, S, T0 } from "./test/fixtures.js";
import { rfc3339 } from "./time.js";
import type { Deployment, Job } from "./types.js";
import { watchDeployment } from "./watch.js";

function deploymentFor(j: Job, over: Partial<Deployment["TaskGroups"][string]> = {}): Deployment {
  const d = newDeployment(j, "d1", T0, 50);
  d.TaskGroups["web"] = { ...newDeploymentState(j.TaskGroups[0]!), ...over };
  return d;
}

describe("failDeployment: the auto-revert decision", () => {
  const v0 = job({ version: 0, stable: true, appVersion: "v1", update: { AutoRevert: true } });
  const v1 = job({ version: 1, stable: true, appVersion: "v2", update: { AutoRevert: true } });
  const v2 = job({ version: 2, appVersion: "v3", update: { AutoRevert: true } });
  const sameAsV1 = job({ version: 2, appVersion: "v2", update: { AutoRevert: true } });
  const cases: Array<[string, Job, Job[], boolean, string, number | null]> = [
    ["latest stable version", v2, [v0, v1, v2], true, " - rolling back to job version 1", 1],
    ["stable version with the same spec", sameAsV1, [v0, v1, sameAsV1], true, " - not rolling back to stable job version 1 as current job has same specification", null],
    ["no stable version", v2, [v2], true, " - no stable job version to auto revert to", null],
    ["auto_revert off", v2, [v0, v1, v2], false, "", null],
  ];
  for (const [name, current, versions, autoRevert, suffix, target] of cases) {
    it(name, () => {
      const d = deploymentFor(current, { AutoRevert: autoRevert });
      const out = failDeployment(d, current, versions, DeploymentDesc.FailedAllocations, T0 + 1000);
      assert.equal(out.deployment.Status, "failed");
      assert.equal(out.deployment.StatusDescription, DeploymentDesc.FailedAllocations + suffix);
      assert.equal(out.revert?.JobVersion ?? null, target);
      assert.equal(d.Status, "running", "the input is not mutated");
    });
  }
});

describe("watchDeployment: progress deadline", () => {
  const j = job({ update: { Canary: 2, ProgressDeadline: 600 * S } });
  const by = rfc3339(T0 + 600_000);
  it("fails a group still short of healthy allocs once RequireProgressBy has passed", () => {
    const d = deploymentFor(j, { DesiredTotal: 2, RequireProgressBy: by, HealthyAllocs: 1 });
    assert.equal(watchDeployment(d, j, [j], [], T0 + 600_000).event, null);
    const out = watchDeployment(d, j, [j], [], T0 + 600_001);
    assert.equal(out.event, "progress-deadline");
    assert.equal(out.deployment.StatusDescription, DeploymentDesc.ProgressDeadline);
  });
  it("does not fail a group whose canaries are healthy and only wait for promotion", () => {
    const d = deploymentFor(j, { DesiredTotal: 2, DesiredCanaries: 2, HealthyAllocs: 2, RequireProgressBy: by });
    assert.equal(watchDeployment(d, j, [j], [], T0 + 3_600_000).event, null);
  });
});

describe("refreshCounters", () => {
  it("counts the deployment's allocs and moves RequireProgressBy to health time + deadline", () => {
    const j = job({ update: { ProgressDeadline: 600 * S } });
    const d = deploymentFor(j, { RequireProgressBy: rfc3339(T0 + 600_000) });
    const healthyAt = T0 + 120_000;
    refreshCounters(d, [
      alloc({ Name: "web.web[0]", DeploymentID: "d1", DeploymentStatus: { Healthy: true, Timestamp: rfc3339(healthyAt), Canary: true } }),
      alloc({ Name: "web.web[1]", DeploymentID: "d1", DeploymentStatus: { Healthy: false, Timestamp: rfc3339(healthyAt), Canary: false } }),
      alloc({ Name: "web.web[2]", DeploymentID: "d1" }),
      alloc({ Name: "web.web[3]", DeploymentID: "other" }),
    ]);
    const s = d.TaskGroups["web"]!;
    assert.deepEqual([s.PlacedAllocs, s.HealthyAllocs, s.UnhealthyAllocs, s.PlacedCanaries.length], [3, 1, 1, 1]);
    assert.equal(s.RequireProgressBy, rfc3339(healthyAt + 600_000));
  });
});
