/**
 * Whole canary lifecycles driven through `reconcile` + `applyPlan` on an in-memory store: the
 * demo's blue-green path (v1 → v2 canaries → promote) and a failed canary with auto-revert.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AllocDesc, DeploymentDesc } from "./constants.js";
import { job, S } from "./test/fixtures.js";
import { Sim } from "./test/sim.js";

const canaryUpdate = { Canary: 2, AutoRevert: true, MinHealthyTime: 10 * S, HealthyDeadline: 60 * S, ProgressDeadline: 0 };

function startV2(): Sim {
  const sim = new Sim();
  sim.register(job({ appVersion: "v1", update: canaryUpdate }));
  sim.step(1000);
  sim.step(11_000);
  assert.equal(sim.deployment?.Status, "successful");
  sim.register(job({ appVersion: "v2", update: canaryUpdate }));
  return sim;
}

describe("canary lifecycle", () => {
  it("register v1: two allocs, a deployment without canaries that succeeds once both are healthy", () => {
    const sim = new Sim();
    const plan = sim.register(job({ appVersion: "v1", update: canaryUpdate }));
    assert.deepEqual(
      plan.place.map((a) => [a.Name, a.JobVersion, a.DeploymentStatus]),
      [
        ["web.web[0]", 0, null],
        ["web.web[1]", 0, null],
      ],
    );
    assert.equal(plan.evaluation.Status, "complete");
    assert.equal(plan.evaluation.DeploymentID, sim.deployment?.ID);
    assert.equal(sim.deployment?.TaskGroups["web"]?.DesiredCanaries, 0);
    assert.equal(sim.deployment?.TaskGroups["web"]?.DesiredTotal, 2);
    assert.equal(sim.deployment?.StatusDescription, DeploymentDesc.Running);

    sim.step(1000);
    assert.equal(sim.deployment?.Status, "running");
    const done = sim.step(11_000);
    assert.equal(sim.deployment?.Status, "successful");
    assert.equal(sim.deployment?.StatusDescription, DeploymentDesc.Successful);
    assert.deepEqual(done.markStable, { JobID: "web", Namespace: "default", JobVersion: 0 });
    assert.equal(sim.versions[0]?.Stable, true);
  });

  it("register v2: two canaries beside the two old allocs, none stopped, awaiting promotion", () => {
    const sim = startV2();
    const plan = sim.plans[sim.plans.length - 1]!;
    assert.deepEqual(plan.stop, []);
    assert.deepEqual(
      plan.place.map((a) => [a.Name, a.JobVersion, a.DeploymentStatus?.Canary]),
      [
        ["web.web[0]", 1, true],
        ["web.web[1]", 1, true],
      ],
    );
    const d = sim.deployment!;
    assert.equal(d.JobVersion, 1);
    assert.equal(d.StatusDescription, DeploymentDesc.NeedsPromotion);
    assert.deepEqual(d.TaskGroups["web"]?.PlacedCanaries, plan.place.map((a) => a.ID));
    assert.equal(d.TaskGroups["web"]?.DesiredCanaries, 2);
    assert.equal(sim.running().length, 4);

    // Healthy canaries do not promote themselves without auto_promote.
    sim.step(1000);
    sim.step(11_000);
    assert.equal(sim.deployment?.TaskGroups["web"]?.HealthyAllocs, 2);
    assert.equal(sim.deployment?.Status, "running");
    assert.equal(sim.running().length, 4);
  });

  it("promote: canaries become normal allocs, the old ones stop, the deployment succeeds and v2 is stable", () => {
    const sim = startV2();
    sim.step(1000);
    sim.step(11_000);
    const result = sim.promote();
    assert.equal(result.ok, true);
    const plan = sim.plans[sim.plans.length - 1]!;
    assert.deepEqual(
      plan.stop.map((s) => [s.Name, s.DesiredDescription]),
      [
        ["web.web[0]", AllocDesc.NotNeeded],
        ["web.web[1]", AllocDesc.NotNeeded],
      ],
    );
    assert.deepEqual(plan.place, []);
    assert.equal(sim.deployment?.Status, "successful");
    assert.equal(sim.deployment?.TaskGroups["web"]?.Promoted, true);
    sim.clientTick();
    const running = sim.running();
    assert.deepEqual(
      running.map((a) => [a.Name, a.JobVersion, a.DeploymentStatus?.Canary]),
      [
        ["web.web[0]", 1, false],
        ["web.web[1]", 1, false],
      ],
    );
    assert.equal(sim.versions.find((v) => v.Version === 1)?.Stable, true);
  });

  it("promote before the canaries are healthy is refused with Nomad's message", () => {
    const sim = startV2();
    const result = sim.promote();
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.message, '1 error occurred:\n\t* Task group "web" has 0/2 healthy allocations\n\n');
  });

  it("v3 canaries unhealthy past healthy_deadline: failed, canaries stopped, v2 registered again as a new version", () => {
    const sim = startV2();
    sim.step(1000);
    sim.step(11_000);
    sim.promote();
    sim.clientTick();
    sim.checkPasses = (version) => version !== 2;
    sim.register(job({ appVersion: "v3", update: canaryUpdate }));
    const v3Deployment = sim.deployment!.ID;
    sim.step(1000);
    sim.step(30_000);
    assert.equal(sim.deployment?.ID, v3Deployment);
    assert.equal(sim.deployment?.Status, "running");

    const failing = sim.step(30_000);
    const failed = sim.deployments.find((d) => d.ID === v3Deployment)!;
    assert.equal(failed.Status, "failed");
    assert.equal(failed.StatusDescription, `${DeploymentDesc.FailedAllocations} - rolling back to job version 1`);
    assert.deepEqual(failing.revert, { JobID: "web", Namespace: "default", JobVersion: 1, EnforcePriorVersion: 2 });
    assert.deepEqual(
      failing.stop.map((s) => [s.Name, s.DesiredDescription]),
      [
        ["web.web[0]", AllocDesc.NotNeeded],
        ["web.web[1]", AllocDesc.NotNeeded],
      ],
    );
    assert.ok(failing.stop.every((s) => failed.TaskGroups["web"]?.PlacedCanaries.includes(s.AllocID)));

    // The revert registered v2's spec as version 3; the v2 allocs move to it in place.
    assert.equal(sim.job.Version, 3);
    assert.equal(sim.job.Meta?.["version"], "v2");
    const revert = sim.plans[sim.plans.length - 1]!;
    assert.equal(revert.inPlace.length, 2);
    assert.deepEqual(revert.place, []);
    sim.step(1000);
    sim.step(11_000);
    assert.equal(sim.deployment?.JobVersion, 3);
    assert.equal(sim.deployment?.Status, "successful");
    assert.deepEqual(
      sim.running().map((a) => [a.Name, a.JobVersion]),
      [
        ["web.web[0]", 3],
        ["web.web[1]", 3],
      ],
    );
  });

  it("auto_promote promotes once every canary is healthy", () => {
    const sim = new Sim();
    const update = { ...canaryUpdate, AutoPromote: true };
    sim.register(job({ appVersion: "v1", update }));
    sim.step(1000);
    sim.step(11_000);
    sim.register(job({ appVersion: "v2", update }));
    assert.equal(sim.deployment?.StatusDescription, DeploymentDesc.AutoPromotion);
    sim.step(1000);
    const plan = sim.step(11_000);
    assert.equal(plan.promotedCanaries.length, 2);
    assert.equal(plan.stop.length, 2);
    assert.equal(sim.deployment?.Status, "successful");
  });

  it("manual fail with auto_revert reverts to the stable version; failing the revert is a no-op rollback", () => {
    const sim = startV2();
    const v2Deployment = sim.deployment!.ID;
    const result = sim.fail();
    assert.equal(result.ok, true);
    const failed = sim.deployments.find((d) => d.ID === v2Deployment)!;
    assert.equal(failed.StatusDescription, `${DeploymentDesc.FailedByUser} - rolling back to job version 0`);
    assert.equal(sim.job.Version, 2);
    sim.clientTick();
    assert.deepEqual(
      sim.running().map((a) => a.JobVersion),
      [2, 2],
    );
    const revertDeployment = sim.deployment!;
    assert.equal(revertDeployment.JobVersion, 2);
    const again = sim.fail();
    assert.equal(again.ok, true);
    if (again.ok) {
      assert.equal(again.outcome.revert, null);
      assert.equal(
        again.outcome.deployment.StatusDescription,
        `${DeploymentDesc.FailedByUser} - not rolling back to stable job version 0 as current job has same specification`,
      );
    }
    const third = sim.fail();
    assert.equal(third.ok, false);
    if (!third.ok) assert.equal(third.error.message, "can't fail terminal deployment");
  });

  it("a newer version cancels the running deployment and stops its unpromoted canaries", () => {
    const sim = startV2();
    const v2 = sim.deployment!;
    const canaries = v2.TaskGroups["web"]!.PlacedCanaries;
    const plan = sim.register(job({ appVersion: "v3", update: canaryUpdate }));
    const cancelled = plan.deployments.find((d) => d.ID === v2.ID);
    assert.equal(cancelled?.Status, "cancelled");
    assert.equal(cancelled?.StatusDescription, DeploymentDesc.NewerJob);
    assert.deepEqual(
      plan.stop.map((s) => s.AllocID).sort(),
      [...canaries].sort(),
    );
    assert.deepEqual(
      plan.place.map((a) => [a.Name, a.JobVersion, a.DeploymentStatus?.Canary]),
      [
        ["web.web[0]", 2, true],
        ["web.web[1]", 2, true],
      ],
    );
    assert.equal(sim.deployment?.JobVersion, 2);
  });
});
