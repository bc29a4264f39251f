import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AllocDesc, DeploymentDesc } from "./constants.js";
import { reconcile } from "./reconcile.js";
import { alloc, counter, job, S, T0 } from "./test/fixtures.js";
import { Sim } from "./test/sim.js";
import type { Job } from "./types.js";

const names = (allocs: Array<{ Name: string }>) => allocs.map((a) => a.Name);

function once(j: Job, allocs = [alloc({ Name: "web.web[0]" }), alloc({ Name: "web.web[1]" })]) {
  return reconcile({
    job: j,
    versions: [j],
    allocs,
    deployment: null,
    eval: { ID: "eval-1", TriggeredBy: "job-register" },
    nowMs: T0,
    newId: counter("n"),
  });
}

describe("reconcile: placement and deployments", () => {
  it("first registration places Count allocs and creates a deployment without canaries", () => {
    const plan = once(job({ count: 3, update: { Canary: 2 } }), []);
    assert.deepEqual(names(plan.place), ["web.web[0]", "web.web[1]", "web.web[2]"]);
    assert.ok(plan.place.every((a) => a.DeploymentStatus === null && a.DeploymentID === plan.deploymentId));
    const d = plan.deployments[0]!;
    assert.deepEqual([d.Status, d.StatusDescription, d.TaskGroups["web"]?.DesiredTotal, d.TaskGroups["web"]?.DesiredCanaries], ["running", DeploymentDesc.Running, 3, 0]);
    assert.equal(d.TaskGroups["web"]?.RequireProgressBy, "2026-08-21T10:10:00Z");
    assert.deepEqual([plan.evaluation.Status, plan.evaluation.DeploymentID, plan.evaluation.TriggeredBy], ["complete", d.ID, "job-register"]);
    assert.deepEqual(plan.evaluation.QueuedAllocations, { web: 0 });
    assert.equal(plan.evaluation.FailedTGAllocs, null);
    assert.equal(plan.desiredUpdates["web"]?.Place, 3);
  });

  it("no update block (or a batch job): placements without a deployment", () => {
    for (const j of [job({ update: null }), job({ type: "batch", update: null })]) {
      const plan = once(j, []);
      assert.equal(plan.place.length, 2);
      assert.deepEqual(plan.deployments, []);
      assert.equal(plan.evaluation.DeploymentID, "");
    }
  });

  it("an unchanged, healthy job needs nothing", () => {
    const plan = once(job());
    assert.deepEqual([plan.place, plan.stop, plan.inPlace, plan.deployments], [[], [], [], []]);
    assert.equal(plan.desiredUpdates["web"]?.Ignore, 2);
  });

  it("scale up and down are in place: no canaries, new indexes, highest indexes stopped", () => {
    const sim = new Sim();
    sim.register(job({ count: 2, update: { Canary: 2 } }));
    sim.step(1000);
    sim.step(11_000);
    const up = sim.register(job({ count: 4, update: { Canary: 2 } }));
    assert.deepEqual(names(up.place), ["web.web[2]", "web.web[3]"]);
    assert.ok(up.place.every((a) => a.DeploymentStatus === null));
    assert.deepEqual(up.stop, []);
    assert.equal(up.inPlace.length, 2);
    assert.equal(sim.deployment?.TaskGroups["web"]?.DesiredCanaries, 0);
    sim.step(1000);
    sim.step(11_000);
    assert.equal(sim.deployment?.Status, "successful");
    const down = sim.register(job({ count: 1, update: { Canary: 2 } }));
    assert.deepEqual(
      down.stop.map((s) => [s.Name, s.DesiredDescription]),
      [
        ["web.web[3]", AllocDesc.NotNeeded],
        ["web.web[2]", AllocDesc.NotNeeded],
        ["web.web[1]", AllocDesc.NotNeeded],
      ],
    );
    assert.deepEqual(down.place, []);
  });

  it("a removed group's allocs are stopped", () => {
    const plan = once(job({ groups: ["api"] }));
    assert.deepEqual(
      plan.stop.map((s) => [s.Name, s.DesiredDescription]),
      [
        ["web.web[0]", AllocDesc.NotNeeded],
        ["web.web[1]", AllocDesc.NotNeeded],
      ],
    );
    assert.deepEqual(names(plan.place), ["web.api[0]", "web.api[1]"]);
  });

  it("job stop: every alloc stopped, the running deployment cancelled, no deployment on the eval", () => {
    const sim = new Sim();
    sim.register(job());
    sim.step(1000);
    const d = sim.deployment!;
    const plan = sim.register(job({ stop: true }));
    assert.deepEqual(
      plan.stop.map((s) => s.DesiredDescription),
      [AllocDesc.NotNeeded, AllocDesc.NotNeeded],
    );
    assert.deepEqual(
      plan.deployments.map((x) => [x.ID, x.Status, x.StatusDescription]),
      [[d.ID, "cancelled", DeploymentDesc.StoppedJob]],
    );
    assert.equal(plan.evaluation.DeploymentID, "");
    assert.deepEqual(plan.place, []);
    assert.equal(plan.desiredUpdates["web"]?.Stop, 2);
  });
});

describe("reconcile: rolling update without canaries", () => {
  for (const maxParallel of [1, 2]) {
    it(`replaces MaxParallel=${maxParallel} at a time, the next batch only once the last is healthy`, () => {
      const sim = new Sim();
      const update = { MaxParallel: maxParallel, MinHealthyTime: 10 * S, ProgressDeadline: 0 };
      sim.register(job({ count: 3, update }));
      sim.step(1000);
      sim.step(11_000);
      const first = sim.register(job({ count: 3, appVersion: "v2", update }));
      assert.equal(first.place.length, maxParallel);
      assert.ok(first.place.every((a) => a.DeploymentStatus === null && a.JobVersion === 1));
      assert.deepEqual(
        first.stop.map((s) => [s.Name, s.DesiredDescription]),
        first.place.map((a) => [a.Name, AllocDesc.Updating]),
      );
      assert.deepEqual(sim.step(1000).place, [], "nothing more while the new ones are not healthy");
      let rounds = 1;
      while (sim.deployment?.Status === "running" && rounds < 10) {
        const plan = sim.step(11_000);
        assert.ok(plan.place.length <= maxParallel);
        rounds += 1;
      }
      assert.equal(sim.deployment?.Status, "successful");
      sim.clientTick();
      assert.deepEqual(
        sim.running().map((a) => [a.Name, a.JobVersion]).sort(),
        [
          ["web.web[0]", 1],
          ["web.web[1]", 1],
          ["web.web[2]", 1],
        ],
      );
    });
  }

  it("an unhealthy replacement halts the rollout and fails the deployment", () => {
    const sim = new Sim();
    const update = { MaxParallel: 1, ProgressDeadline: 0, HealthyDeadline: 30 * S };
    sim.register(job({ count: 2, update }));
    sim.step(1000);
    sim.step(11_000);
    sim.checkPasses = (v) => v === 0;
    sim.register(job({ count: 2, appVersion: "v2", update }));
    sim.step(1000);
    const plan = sim.step(30_000);
    assert.equal(sim.deployment?.Status, "failed");
    assert.equal(sim.deployment?.StatusDescription, DeploymentDesc.FailedAllocations);
    assert.deepEqual(plan.place, []);
    assert.equal(plan.revert, null);
    // The eval that failed it names the deployment; later evals do not continue a failed one.
    assert.equal(plan.evaluation.DeploymentID, sim.deployment?.ID);
    assert.equal(sim.evaluate("deployment-watcher").evaluation.DeploymentID, "");
  });
});

describe("reconcile: canaries beyond the happy path", () => {
  it("Canary < Count: after promotion the canary's twin stops and the rest roll MaxParallel at a time", () => {
    const sim = new Sim();
    const update = { Canary: 1, MaxParallel: 1 };
    sim.register(job({ count: 3, update }));
    sim.step(1000);
    sim.step(11_000);
    const canary = sim.register(job({ count: 3, appVersion: "v2", update }));
    assert.deepEqual(names(canary.place), ["web.web[0]"]);
    sim.step(1000);
    sim.step(11_000);
    assert.equal(sim.promote().ok, true);
    const afterPromote = sim.plans[sim.plans.length - 1]!;
    assert.deepEqual(
      afterPromote.stop.map((s) => [s.Name, s.DesiredDescription]),
      [
        ["web.web[0]", AllocDesc.NotNeeded],
        ["web.web[1]", AllocDesc.Updating],
      ],
    );
    assert.deepEqual(names(afterPromote.place), ["web.web[1]"]);
    sim.step(1000);
    const next = sim.step(11_000);
    assert.deepEqual(names(next.place), ["web.web[2]"]);
    sim.step(1000);
    sim.step(11_000);
    assert.equal(sim.deployment?.Status, "successful");
    assert.equal(sim.deployment?.TaskGroups["web"]?.HealthyAllocs, 3);
  });

  it("with a progress deadline, unhealthy canaries wait; the missed deadline fails and reverts", () => {
    const sim = new Sim();
    const update = { Canary: 2, AutoRevert: true, HealthyDeadline: 60 * S, ProgressDeadline: 5 * 60 * S };
    sim.register(job({ update }));
    sim.step(1000);
    sim.step(11_000);
    sim.checkPasses = (v) => v === 0;
    sim.register(job({ appVersion: "v2", update }));
    const d = sim.deployment!.ID;
    sim.step(1000);
    sim.step(60_000);
    assert.equal(sim.deployments.find((x) => x.ID === d)?.Status, "running");
    assert.equal(sim.deployments.find((x) => x.ID === d)?.TaskGroups["web"]?.UnhealthyAllocs, 2);
    const plan = sim.step(5 * 60_000);
    const failed = sim.deployments.find((x) => x.ID === d)!;
    assert.equal(failed.Status, "failed");
    assert.equal(failed.StatusDescription, `${DeploymentDesc.ProgressDeadline} - rolling back to job version 0`);
    assert.equal(plan.revert?.JobVersion, 0);
  });

  it("a paused deployment replaces nothing more until resumed", () => {
    const sim = new Sim();
    const update = { MaxParallel: 1, ProgressDeadline: 0 };
    sim.register(job({ update }));
    sim.step(1000);
    sim.step(11_000);
    sim.register(job({ appVersion: "v2", update }));
    sim.step(1000);
    const setStatus = (Status: string) => {
      sim.deployments = sim.deployments.map((x) => (x.ID === sim.deployment!.ID ? { ...x, Status } : x));
    };
    setStatus("paused");
    const paused = sim.step(11_000);
    assert.equal(sim.deployment?.TaskGroups["web"]?.HealthyAllocs, 1);
    assert.deepEqual([paused.place, paused.stop], [[], []]);
    setStatus("running");
    const resumed = sim.evaluate("deployment-watcher");
    assert.deepEqual(names(resumed.place), ["web.web[1]"]);
  });
});
