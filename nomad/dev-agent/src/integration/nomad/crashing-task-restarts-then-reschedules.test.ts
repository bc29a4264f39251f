/**
 * A task that keeps crashing (exit 3): the client restarts it per its `restart` policy (1 attempt,
 * 200 ms delay), then gives up, the alloc fails, and the scheduler reschedules it as a new alloc
 * with the same name, linked through PreviousAllocation / NextAllocation.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Allocation, AllocationListStub } from "@forex-mesh/nomad-client";
import { waitFor } from "@forex-mesh/test-utils";
import { allocs, call, registerJob, startNomadAgent } from "./helpers.js";

test("a crashing task is restarted per its policy, then its alloc fails and is rescheduled", { timeout: 60_000 }, async (t) => {
  const api = await startNomadAgent(t);
  // A progress deadline gives the deployment time to replace the alloc (without one, the first
  // unhealthy alloc fails the deployment and Nomad does not reschedule allocs of a failed deployment).
  await registerJob(api, { id: "crashy", count: 1, appMode: "crash", restartAttempts: 1, progressDeadline: "1m" });
  const first = await waitFor(
    "the first alloc to fail",
    async () => (await allocs(api, "crashy")).find((a) => a.ClientStatus === "failed"),
    { timeoutMs: 20_000, intervalMs: 100 },
  );
  const app = first.TaskStates?.app;
  assert.equal(app?.State, "dead");
  assert.equal(app?.Failed, true);
  assert.equal(app?.Restarts, 1, "restarted once, as `attempts = 1` allows");
  const types = (app?.Events ?? []).map((e) => e.Type);
  assert.ok(types.includes("Restarting"), types.join());
  assert.ok(types.includes("Not Restarting"), types.join());
  // The alloc reports failed as soon as its app does; the sidecar is killed right after.
  const sidecar = await waitFor("the sidecar killed with its failed sibling", async () => {
    const a = (await call<Allocation>(`${api.nomad}/v1/allocation/${first.ID}`)).body;
    return a.TaskStates?.sidecar?.State === "dead" ? a.TaskStates.sidecar : undefined;
  });
  assert.ok((sidecar.Events ?? []).some((e) => e.Type === "Sibling Task Failed"));

  const next = await waitFor<AllocationListStub>(
    "a replacement alloc",
    async () => (await allocs(api, "crashy")).find((a) => a.ID !== first.ID && a.Name === first.Name),
    { timeoutMs: 20_000, intervalMs: 100 },
  );
  const full = (await call<Allocation>(`${api.nomad}/v1/allocation/${next.ID}`)).body;
  assert.equal(full.PreviousAllocation, first.ID);
  const old = (await call<Allocation>(`${api.nomad}/v1/allocation/${first.ID}`)).body;
  assert.equal(old.NextAllocation, next.ID);
  assert.ok((full.RescheduleTracker?.Events ?? []).length >= 1);
});
