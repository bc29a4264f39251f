/**
 * A task that keeps crashing: the restart policy restarts it in place, then gives up; the alloc
 * fails and the reschedule policy replaces it after 30 s, and the next failure of the chain after
 * 60 s. The pieces (`restartDecision`, `reconcile`, follow-up evals) composed as the agent would.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AllocDesc } from "./constants.js";
import { emptyRestartHistory, type RestartHistory, restartDecision } from "./restart.js";
import { job, S } from "./test/fixtures.js";
import { Sim } from "./test/sim.js";
import { rfc3339 } from "./time.js";
import type { Allocation } from "./types.js";

/** Crashes the alloc's task until the restart policy gives up; returns the restart delays used. */
function crashUntilFailed(sim: Sim, id: string): number[] {
  const policy = sim.job.TaskGroups[0]!.RestartPolicy!;
  let history: RestartHistory = emptyRestartHistory;
  const delays: number[] = [];
  for (;;) {
    const decision = restartDecision(policy, history, sim.now, { jobType: "service" });
    history = decision.history;
    if (decision.action !== "restart") break;
    delays.push(decision.delayMs);
    sim.advance(decision.delayMs + 1000);
  }
  const dead = { State: "dead", Failed: true, FinishedAt: rfc3339(sim.now) };
  sim.allocs = sim.allocs.map((a) => (a.ID === id ? { ...a, ClientStatus: "failed", TaskStates: { app: dead, sidecar: dead } } : a));
  return delays;
}

function followup(sim: Sim, alloc: Allocation) {
  const plan = sim.evaluate("alloc-failure");
  assert.deepEqual([plan.place, plan.stop], [[], []], "nothing is replaced before the delay");
  const delayed = plan.delayed.find((d) => d.AllocID === alloc.ID)!;
  return { delayed, evalId: plan.annotate.find((a) => a.AllocID === alloc.ID)!.FollowupEvalID };
}

describe("a crashing task", () => {
  it("restarts per policy, then its alloc is rescheduled after 30 s, then 60 s", () => {
    const sim = new Sim();
    sim.register(job({ count: 1, update: null }));
    sim.step(1000);
    const first = sim.running()[0]!;

    assert.deepEqual(crashUntilFailed(sim, first.ID), [15_000, 15_000]);
    const one = followup(sim, first);
    assert.equal(one.delayed.waitUntilMs - sim.now, 30_000);
    // The agent runs the follow-up eval at its WaitUntil.
    assert.equal(sim.allocs.find((a) => a.ID === first.ID)?.FollowupEvalID, one.evalId);
    assert.ok(sim.evals.some((e) => e.ID === one.evalId && e.Status === "pending" && e.WaitUntil === one.delayed.WaitUntil));
    sim.now = one.delayed.waitUntilMs;
    const second = sim.evaluate("alloc-failure", one.evalId);
    assert.equal(second.evaluation.ID, one.evalId);
    assert.equal(second.evaluation.Status, "complete");
    const next = second.place[0]!;
    assert.deepEqual([next.Name, next.PreviousAllocation], [first.Name, first.ID]);
    assert.deepEqual(
      second.stop.map((s) => [s.AllocID, s.DesiredDescription, s.NextAllocation]),
      [[first.ID, AllocDesc.Rescheduled, next.ID]],
    );
    assert.equal(next.RescheduleTracker?.Events[0]?.Delay, 30 * S);

    sim.step(1000);
    crashUntilFailed(sim, next.ID);
    const two = followup(sim, next);
    assert.equal(two.delayed.waitUntilMs - sim.now, 60_000);
    assert.deepEqual(
      two.delayed.RescheduleTracker.Events.map((e) => e.Delay),
      [30 * S, 60 * S],
    );
  });
});
