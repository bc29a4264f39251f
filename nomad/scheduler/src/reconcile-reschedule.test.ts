import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AllocDesc, BLOCKED_EVAL_DESC } from "./constants.js";
import type { ReconcileInput } from "./plan.js";
import { reconcile } from "./reconcile.js";
import { alloc, counter, job, S, T0 } from "./test/fixtures.js";
import { Sim } from "./test/sim.js";
import { msToNs, rfc3339 } from "./time.js";
import type { Allocation } from "./types.js";

function failed(name: string, finishedMs: number, over: Partial<Allocation> = {}): Allocation {
  return alloc({
    Name: name,
    ClientStatus: "failed",
    TaskStates: { app: { State: "dead", Failed: true, FinishedAt: rfc3339(finishedMs) } },
    ...over,
  });
}

function input(over: Partial<ReconcileInput>): ReconcileInput {
  const j = job({ update: null });
  return {
    job: j,
    versions: [j],
    allocs: [],
    deployment: null,
    eval: { ID: "eval-1", TriggeredBy: "alloc-failure" },
    nowMs: T0,
    newId: counter("n"),
    ...over,
  };
}

describe("reconcile: rescheduling failed allocations", () => {
  it("past its delay, a failed alloc is replaced under the same name with a tracker, and stopped", () => {
    const dead = failed("web.web[1]", T0 - 31_000);
    const plan = reconcile(input({ allocs: [alloc({ Name: "web.web[0]" }), dead] }));
    assert.equal(plan.place.length, 1);
    const next = plan.place[0]!;
    assert.deepEqual([next.Name, next.PreviousAllocation], ["web.web[1]", dead.ID]);
    assert.deepEqual(next.RescheduleTracker, {
      Events: [{ RescheduleTime: msToNs(T0), PrevAllocID: dead.ID, PrevNodeID: "", Delay: 30 * S }],
    });
    assert.deepEqual(plan.stop, [
      { AllocID: dead.ID, Name: "web.web[1]", TaskGroup: "web", DesiredDescription: AllocDesc.Rescheduled, NextAllocation: next.ID },
    ]);
    assert.deepEqual(plan.delayed, []);
  });

  it("before its delay, it keeps its slot and a follow-up eval is created for WaitUntil", () => {
    const dead = failed("web.web[1]", T0 - 5000);
    const plan = reconcile(input({ allocs: [alloc({ Name: "web.web[0]" }), dead] }));
    assert.deepEqual([plan.place, plan.stop], [[], []]);
    assert.equal(plan.followupEvals.length, 1);
    const followup = plan.followupEvals[0]!;
    assert.deepEqual(
      [followup.Status, followup.TriggeredBy, followup.WaitUntil, followup.PreviousEval, followup.StatusDescription],
      ["pending", "alloc-failure", rfc3339(T0 + 25_000), "eval-1", "created for delayed rescheduling"],
    );
    assert.deepEqual(plan.annotate, [{ AllocID: dead.ID, FollowupEvalID: followup.ID }]);
    assert.deepEqual(
      plan.delayed.map((d) => [d.AllocID, d.waitUntilMs, d.RescheduleTracker.Events[0]?.Delay]),
      [[dead.ID, T0 + 25_000, 30 * S]],
    );

    // The follow-up eval, when run, places the replacement even a little early.
    const annotated = { ...dead, FollowupEvalID: followup.ID };
    const later = reconcile(input({ allocs: [alloc({ Name: "web.web[0]" }), annotated], eval: { ID: followup.ID, TriggeredBy: "alloc-failure" }, nowMs: T0 + 24_000 }));
    assert.deepEqual(
      later.place.map((a) => [a.Name, a.PreviousAllocation]),
      [["web.web[1]", dead.ID]],
    );
  });

  it("failures within 5 s share one follow-up eval; later ones get their own", () => {
    const allocs = [failed("web.web[0]", T0 - 10_000), failed("web.web[1]", T0 - 7000), failed("web.web[2]", T0)];
    const plan = reconcile(input({ job: job({ update: null, count: 3 }), allocs }));
    assert.equal(plan.followupEvals.length, 2);
    assert.deepEqual(
      plan.delayed.map((d) => d.FollowupEvalID === plan.followupEvals[0]!.ID),
      [true, true, false],
    );
  });

  it("exponential delays grow along the chain", () => {
    const tracker = { Events: [{ RescheduleTime: msToNs(T0 - 100_000), PrevAllocID: "p", PrevNodeID: "", Delay: 30 * S }] };
    const plan = reconcile(input({ allocs: [failed("web.web[0]", T0, { RescheduleTracker: tracker }), alloc({ Name: "web.web[1]" })] }));
    assert.equal(plan.delayed[0]?.waitUntilMs, T0 + 60_000);
  });

  it("with attempts exhausted the failed alloc stays and nothing is placed", () => {
    const j = job({ type: "batch", update: null });
    j.TaskGroups[0]!.ReschedulePolicy = { Attempts: 1, Interval: 24 * 3600 * S, Delay: 5 * S, DelayFunction: "constant", MaxDelay: 0, Unlimited: false };
    const tracker = { Events: [{ RescheduleTime: msToNs(T0 - 60_000), PrevAllocID: "p", PrevNodeID: "", Delay: 5 * S }] };
    const plan = reconcile(input({ job: j, versions: [j], allocs: [failed("web.web[0]", T0 - 30_000, { RescheduleTracker: tracker }), alloc({ Name: "web.web[1]" })] }));
    assert.deepEqual([plan.place, plan.stop, plan.delayed], [[], [], []]);
  });

  it("a failed canary in a deployment with a progress deadline is replaced by a canary", () => {
    const sim = new Sim();
    const update = { Canary: 1, ProgressDeadline: 10 * 60 * S };
    sim.register(job({ update }));
    sim.step(1000);
    sim.step(11_000);
    sim.register(job({ appVersion: "v2", update }));
    sim.step(1000);
    const canary = sim.allocs.find((a) => a.DeploymentStatus?.Canary)!;
    sim.advance(40_000);
    sim.allocs = sim.allocs.map((a) =>
      a.ID === canary.ID ? { ...a, ClientStatus: "failed", TaskStates: { app: { State: "dead", Failed: true, FinishedAt: rfc3339(sim.now - 35_000) } } } : a,
    );
    const plan = sim.evaluate("alloc-failure");
    assert.equal(plan.place.length, 1);
    assert.deepEqual([plan.place[0]?.Name, plan.place[0]?.DeploymentStatus?.Canary, plan.place[0]?.JobVersion], [canary.Name, true, 1]);
    assert.ok(sim.deployment?.TaskGroups["web"]?.PlacedCanaries.includes(plan.place[0]!.ID));
    assert.equal(sim.deployment?.Status, "running");
  });
});

describe("reconcile: a healthy alloc that fails during a deployment", () => {
  it("is replaced per its reschedule policy, and the deployment waits for the replacement", () => {
    const sim = new Sim();
    const update = { MaxParallel: 2, ProgressDeadline: 0 };
    sim.register(job({ count: 2, update }));
    sim.step(1000);
    sim.step(11_000);
    sim.register(job({ count: 3, appVersion: "v2", update }));
    sim.step(1000);
    sim.step(11_000);
    const healthy = sim.allocs.find((a) => a.JobVersion === 1 && a.DeploymentStatus?.Healthy === true)!;
    sim.allocs = sim.allocs.map((a) =>
      a.ID === healthy.ID ? { ...a, ClientStatus: "failed", TaskStates: { app: { State: "dead", Failed: true, FinishedAt: rfc3339(sim.now) } } } : a,
    );
    const crash = sim.evaluate("alloc-failure");
    assert.deepEqual(
      crash.delayed.map((d) => [d.AllocID, d.waitUntilMs - sim.now]),
      [[healthy.ID, 30_000]],
    );
    sim.step(1000);
    sim.step(11_000);
    assert.equal(sim.deployment?.Status, "running", "not successful while an alloc waits to be replaced");
    const replaced = sim.step(20_000);
    assert.deepEqual(
      replaced.place.map((a) => [a.Name, a.PreviousAllocation, a.DeploymentID]),
      [[healthy.Name, healthy.ID, sim.deployment?.ID]],
    );
    sim.step(1000);
    assert.equal(sim.deployment?.Status, "running", "not successful before the replacement is healthy");
    sim.step(11_000);
    assert.equal(sim.deployment?.Status, "successful");
  });
});

describe("reconcile: placements that do not fit", () => {
  it("reports FailedTGAllocs and QueuedAllocations and creates a blocked eval", () => {
    const plan = reconcile(
      input({
        job: job({ update: null, count: 3 }),
        fits: (_group, placed) => (placed < 1 ? { ok: true } : { ok: false, dimension: "network: reserved port collision http=8080" }),
      }),
    );
    assert.equal(plan.place.length, 1);
    assert.deepEqual(plan.evaluation.QueuedAllocations, { web: 2 });
    const metric = plan.evaluation.FailedTGAllocs?.["web"];
    assert.deepEqual([metric?.NodesEvaluated, metric?.NodesExhausted, metric?.CoalescedFailures, metric?.DimensionExhausted], [1, 1, 1, { "network: reserved port collision http=8080": 2 }]);
    const blocked = plan.followupEvals.find((e) => e.Status === "blocked");
    assert.equal(blocked?.StatusDescription, BLOCKED_EVAL_DESC);
    assert.equal(plan.evaluation.BlockedEval, blocked?.ID);
    assert.equal(plan.evaluation.Status, "complete");
  });

  it("a destructive replacement that does not fit leaves the old alloc running", () => {
    const v0 = job({ update: null });
    const v1 = { ...job({ update: null, appVersion: "v2" }), Version: 1 };
    const plan = reconcile(
      input({
        job: v1,
        versions: [v0, v1],
        allocs: [alloc({ Name: "web.web[0]" }), alloc({ Name: "web.web[1]" })],
        fits: () => ({ ok: false, dimension: "memory" }),
      }),
    );
    assert.deepEqual([plan.place, plan.stop], [[], []]);
    assert.equal(plan.desiredUpdates["web"]?.DestructiveUpdate, 2);
    assert.deepEqual(plan.evaluation.QueuedAllocations, { web: 2 });
  });
});
