import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DeploymentDesc } from "./constants.js";
import { promoteDeployment } from "./promote.js";
import { job, S } from "./test/fixtures.js";
import { Sim } from "./test/sim.js";

/** A job with two groups mid-canary, every canary healthy. */
function twoGroups(): Sim {
  const sim = new Sim();
  const update = { Canary: 1 };
  sim.register(job({ groups: ["web", "api"], update }));
  sim.step(1000);
  sim.step(11_000);
  sim.register(job({ groups: ["web", "api"], appVersion: "v2", update }));
  sim.step(1000);
  sim.step(11_000);
  return sim;
}

describe("promoteDeployment", () => {
  it("promotes only the named groups; the deployment still needs promotion for the others", () => {
    const sim = twoGroups();
    const before = sim.deployment!;
    assert.equal(before.StatusDescription, DeploymentDesc.NeedsPromotion);
    const result = sim.promote(["api"]);
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.deployment.TaskGroups["api"]?.Promoted, true);
    assert.equal(result.deployment.TaskGroups["web"]?.Promoted, false);
    assert.equal(result.deployment.StatusDescription, DeploymentDesc.NeedsPromotion);
    assert.deepEqual(
      result.promotedAllocIds,
      before.TaskGroups["api"]?.PlacedCanaries,
    );
    // The promoted group rolls on (its canary's twin stops, the other old alloc is replaced) while
    // the other group keeps its canary and old allocs.
    const rolled = sim.plans[sim.plans.length - 1]!;
    assert.deepEqual(
      rolled.stop.map((x) => [x.Name, x.DesiredDescription]),
      [
        ["web.api[0]", "alloc not needed due to job update"],
        ["web.api[1]", "alloc is being updated due to job update"],
      ],
    );
    assert.deepEqual(
      rolled.place.map((a) => a.Name),
      ["web.api[1]"],
    );
    assert.equal(sim.deployment?.Status, "running");
    assert.equal(sim.promote(["web"]).ok, true);
    sim.step(1000);
    sim.step(11_000);
    assert.equal(sim.deployment?.Status, "successful");
  });

  it("restarts the progress deadline from the promotion time", () => {
    const sim = twoGroups();
    const result = promoteDeployment({ deployment: sim.deployment!, allocs: sim.allocs, all: true, groups: [], nowMs: sim.now });
    assert.ok(result.ok);
    if (result.ok) assert.equal(Date.parse(result.deployment.TaskGroups["web"]!.RequireProgressBy), sim.now + 600 * 1000);
    if (result.ok) assert.equal(result.deployment.StatusDescription, DeploymentDesc.Running);
  });

  it("refuses terminal deployments, unknown groups and unhealthy canaries with Nomad's texts", () => {
    const sim = twoGroups();
    const d = sim.deployment!;
    const cases: Array<[string, Parameters<typeof promoteDeployment>[0], string, string]> = [
      ["terminal", { deployment: { ...d, Status: "failed" }, allocs: sim.allocs, all: true, groups: [], nowMs: sim.now }, "deployment_terminal", "can't promote terminal deployment"],
      ["unknown group", { deployment: d, allocs: sim.allocs, all: false, groups: ["db"], nowMs: sim.now }, "unknown_group", '1 error occurred:\n\t* Deployment does not have task group "db"\n\n'],
      [
        "unhealthy canaries in both groups",
        { deployment: d, allocs: sim.allocs.map((a) => ({ ...a, DeploymentStatus: a.DeploymentStatus ? { ...a.DeploymentStatus, Healthy: null } : null })), all: true, groups: [], nowMs: sim.now },
        "canaries_unhealthy",
        '2 errors occurred:\n\t* Task group "web" has 0/1 healthy allocations\n\t* Task group "api" has 0/1 healthy allocations\n\n',
      ],
    ];
    for (const [name, input, code, message] of cases) {
      const result = promoteDeployment(input);
      assert.equal(result.ok, false, name);
      if (!result.ok) assert.deepEqual([result.error.code, result.error.message], [code, message], name);
    }
  });

  it("a stopped (terminal) canary does not count as healthy", () => {
    const sim = twoGroups();
    const canary = sim.deployment!.TaskGroups["web"]!.PlacedCanaries[0]!;
    const allocs = sim.allocs.map((a) => (a.ID === canary ? { ...a, DesiredStatus: "stop" } : a));
    const result = promoteDeployment({ deployment: sim.deployment!, allocs, all: false, groups: ["web"], nowMs: sim.now + 10 * S });
    assert.equal(result.ok, false);
  });
});
