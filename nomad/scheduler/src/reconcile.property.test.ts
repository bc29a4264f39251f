/**
 * Properties of whole event sequences (register/scale/update, time passing with the client and
 * health watcher running, promote, fail, crashes, checks flipping), checked after every step.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { AllocDesc } from "./constants.js";
import type { Plan } from "./plan.js";
import { reconcile } from "./reconcile.js";
import { isActiveDeployment } from "./status.js";
import { job, S } from "./test/fixtures.js";
import { Sim } from "./test/sim.js";
import { rfc3339 } from "./time.js";
import type { Allocation } from "./types.js";

type Event =
  | { kind: "register"; count: number; app: string; canary: number; maxParallel: number; autoPromote: boolean; progress: boolean }
  | { kind: "step"; ms: number }
  | { kind: "promote" }
  | { kind: "fail" }
  | { kind: "crash"; pick: number }
  | { kind: "checks"; app: string; pass: boolean };

const event: fc.Arbitrary<Event> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("register" as const),
      count: fc.integer({ min: 1, max: 4 }),
      app: fc.constantFrom("v1", "v2", "v3"),
      canary: fc.integer({ min: 0, max: 3 }),
      maxParallel: fc.integer({ min: 1, max: 2 }),
      autoPromote: fc.boolean(),
      progress: fc.boolean(),
    }),
  },
  // Mostly short steps, so allocs start and turn healthy; sometimes long ones past the deadlines.
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("step" as const), ms: fc.constantFrom(1000, 11_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("step" as const), ms: fc.constantFrom(40_000, 200_000) }) },
  { weight: 2, arbitrary: fc.constant({ kind: "promote" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "fail" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("crash" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("checks" as const), app: fc.constantFrom("v1", "v2", "v3"), pass: fc.boolean() }) },
);

const desiredRunning = (a: Allocation) => a.DesiredStatus === "run" && !["complete", "failed", "lost"].includes(a.ClientStatus);

function apply(sim: Sim, e: Event, failing: Set<string>): void {
  switch (e.kind) {
    case "register": {
      const update = { Canary: e.canary, MaxParallel: e.maxParallel, AutoPromote: e.autoPromote, AutoRevert: true, HealthyDeadline: 60 * S, ProgressDeadline: e.progress ? 300 * S : 0 };
      sim.register(job({ count: e.count, appVersion: e.app, update }));
      return;
    }
    case "step":
      sim.step(e.ms);
      return;
    case "promote":
      if (sim.deployment) sim.promote();
      return;
    case "fail":
      if (sim.deployment) sim.fail();
      return;
    case "crash": {
      const running = sim.allocs.filter((a) => a.ClientStatus === "running" && a.DesiredStatus === "run");
      const victim = running[e.pick % Math.max(running.length, 1)];
      if (!victim) return;
      const dead = { State: "dead", Failed: true, FinishedAt: rfc3339(sim.now) };
      sim.allocs = sim.allocs.map((a) => (a.ID === victim.ID ? { ...a, ClientStatus: "failed", TaskStates: { app: dead, sidecar: dead } } : a));
      sim.evaluate("alloc-failure");
      return;
    }
    case "checks":
      if (e.pass) failing.delete(e.app);
      else failing.add(e.app);
      return;
  }
}

function checkInvariants(sim: Sim, before: Allocation[], plan: Plan | undefined): void {
  const current = sim.job;
  for (const group of current.TaskGroups) {
    const canary = group.Update?.Canary ?? 0;
    const live = sim.allocs.filter((a) => a.TaskGroup === group.Name && desiredRunning(a));
    assert.ok(live.length <= group.Count + canary, `group ${group.Name}: ${live.length} running > ${group.Count} + ${canary}`);

    const plain = live.filter((a) => a.DeploymentStatus?.Canary !== true).map((a) => a.Name);
    assert.equal(new Set(plain).size, plain.length, `duplicate index among running allocs: ${plain}`);
    const canaries = live.filter((a) => a.DeploymentStatus?.Canary === true).map((a) => a.Name);
    assert.equal(new Set(canaries).size, canaries.length, `duplicate index among canaries: ${canaries}`);

    const d = sim.deployment;
    const state = d?.TaskGroups[group.Name];
    const canarying = d && isActiveDeployment(d) && d.JobVersion === current.Version && state && state.DesiredCanaries > 0 && !state.Promoted;
    if (!canarying || !plan) continue;
    const byId = new Map(before.map((a) => [a.ID, a]));
    for (const s of plan.stop) {
      const old = byId.get(s.AllocID);
      if (!old || old.TaskGroup !== group.Name || old.JobVersion >= current.Version) continue;
      if (old.DeploymentStatus?.Canary === true || old.ClientStatus === "failed") continue;
      assert.notEqual(s.DesiredDescription, AllocDesc.Updating, `old alloc ${old.Name} replaced before promotion`);
      // Only a surplus may go: what still holds a slot (non-canary live allocs, failed ones awaiting
      // their reschedule) must still cover Count.
      const holding = sim.allocs.filter(
        (a) =>
          a.TaskGroup === group.Name &&
          a.DesiredStatus === "run" &&
          a.DeploymentStatus?.Canary !== true &&
          (desiredRunning(a) || (a.ClientStatus === "failed" && a.NextAllocation === "")),
      ).length;
      assert.ok(holding >= group.Count, `old alloc ${old.Name} stopped before promotion leaving ${holding} < ${group.Count}`);
    }
  }
}

/** Reconciling the state a plan produced again, at the same instant, has nothing left to do. */
function checkSettled(sim: Sim): void {
  const again = reconcile({
    job: sim.job,
    versions: sim.versions,
    allocs: sim.allocs,
    deployment: sim.deployment,
    eval: { ID: "settle", TriggeredBy: "deployment-watcher" },
    nowMs: sim.now,
    newId: () => "settle-id",
  });
  const work = [again.place, again.stop, again.inPlace, again.annotate, again.deployments, again.followupEvals];
  assert.deepEqual(work, [[], [], [], [], [], []], "a second pass found more to do");
  assert.deepEqual([again.revert, again.markStable], [null, null]);
}

describe("reconcile properties", () => {
  it("bounded allocs, unique indexes, no old alloc stopped before promotion, settled after each plan", () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 30 }), (events) => {
        const sim = new Sim();
        const failing = new Set<string>();
        sim.checkPasses = (version) => !failing.has(String(sim.versions.find((v) => v.Version === version)?.Meta?.["version"]));
        // Start from a stable first version, so failures have something to revert to.
        sim.register(job({ update: { Canary: 2, AutoRevert: true } }));
        sim.step(1000);
        sim.step(11_000);
        for (const e of events) {
          const before = sim.allocs;
          const plansBefore = sim.plans.length;
          apply(sim, e, failing);
          // Every plan the event produced (a revert adds a second one) is checked against the state before it.
          const plans = sim.plans.slice(plansBefore);
          checkInvariants(sim, before, plans[0]);
          for (const p of plans.slice(1)) checkInvariants(sim, before, p);
          if (plans.length > 0) checkSettled(sim);
        }
      }),
      { numRuns: 300 },
    );
  });
});
