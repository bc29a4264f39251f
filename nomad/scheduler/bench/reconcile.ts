/**
 * How long one reconcile pass takes for a job of N allocations, next to a baseline measured in the
 * same run: a JSON round-trip of the same input (what the agent's store does to the records
 * anyway). Not a test; prints figures.
 *
 *   pnpm --filter @forex-mesh/scheduler bench
 */
import { performance } from "node:perf_hooks";
import { applyPlan, reconcile } from "../src/index.js";
import type { Allocation, Deployment, Job, ReconcileInput } from "../src/index.js";
import { job } from "../src/test/fixtures.js";

const N = Number(process.env.BENCH_ALLOCS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

function timeIt(fn: () => void): number {
  for (let i = 0; i < 5; i++) fn();
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) fn();
  return (performance.now() - start) / ROUNDS;
}

let seq = 0;
const newId = () => `id-${++seq}`;
const T0 = Date.UTC(2026, 7, 21);

function input(j: Job, versions: Job[], allocs: Allocation[], deployment: Deployment | null): ReconcileInput {
  return { job: j, versions, allocs, deployment, eval: { ID: newId(), TriggeredBy: "job-register" }, nowMs: T0, newId };
}

// A steady job of N healthy allocs at version 0, then a canary update to version 1.
const v0 = { ...job({ count: N, update: { Canary: 2 } }), Stable: true };
const first = reconcile(input(v0, [v0], [], null));
const placed = applyPlan({ allocs: [], deployments: [] }, first, T0);
const running: Allocation[] = placed.allocs.map((a) => ({
  ...a,
  ClientStatus: "running",
  DeploymentStatus: { Healthy: true, Timestamp: "2026-08-21T00:01:00Z", Canary: false },
}));
const v1 = { ...job({ count: N, update: { Canary: 2 }, appVersion: "v2" }), Version: 1 };

const cases: Array<[string, () => unknown]> = [
  [`first registration, place ${N}`, () => reconcile(input(v0, [v0], [], null))],
  [`steady state, ${N} running`, () => reconcile(input(v0, [v0], running, null))],
  [`canary update of ${N}`, () => reconcile(input(v1, [v0, v1], running, null))],
];
const baseline = timeIt(() => JSON.parse(JSON.stringify(input(v1, [v0, v1], running, null))));
console.log(`reconcile bench: ${N} allocs, ${ROUNDS} rounds each`);
console.log(`  baseline (JSON round-trip of the input)  ${baseline.toFixed(3)} ms`);
for (const [name, fn] of cases) {
  const ms = timeIt(fn);
  console.log(`  ${name.padEnd(40)} ${ms.toFixed(3)} ms  (${(ms / baseline).toFixed(1)}x baseline)`);
}
