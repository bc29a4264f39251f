// Start-up cost of a task through the runner (executor shim + task) against a bare spawn of the same
// task in the same run: N tasks started at once, time until every one has printed "ready".
// Run: pnpm --filter @forex-mesh/task-runner bench   (BENCH_TASKS=N to change N, default 20)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { TaskRunner } from "../src/task-runner.js";
import { FIXTURE, fixtureTask, HOST_ENV, tempAlloc } from "../src/test/helpers.js";

const N = Number(process.env.BENCH_TASKS ?? 20);

async function bare(): Promise<number> {
  const started = performance.now();
  const children = Array.from({ length: N }, () => spawn(process.execPath, [FIXTURE], { detached: true, stdio: ["ignore", "pipe", "ignore"] }));
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          c.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
        }),
    ),
  );
  const took = performance.now() - started;
  for (const c of children) process.kill(-(c.pid as number), "SIGKILL");
  return took;
}

async function viaRunner(): Promise<number> {
  const allocs = Array.from({ length: N }, (_, i) => tempAlloc({ AllocID: `bench-${i}` }));
  const started = performance.now();
  const runners = allocs.map(({ alloc }) => {
    const r = new TaskRunner({ alloc, task: fixtureTask("t", [], { KillTimeout: 1e9 }), hostEnv: HOST_ENV, pollMs: 50 });
    r.start();
    return r;
  });
  const ready = (i: number): boolean => {
    try {
      return readFileSync(join((allocs[i] as { alloc: { AllocDir: string } }).alloc.AllocDir, "alloc/logs/t.stdout.0"), "utf8").includes("ready");
    } catch {
      return false;
    }
  };
  while (!allocs.every((_, i) => ready(i))) await delay(5);
  const took = performance.now() - started;
  await Promise.all(runners.map((r) => r.kill()));
  for (const a of allocs) a.cleanup();
  return took;
}

const baseline = await bare();
const measured = await viaRunner();
console.log(`tasks started concurrently: ${N}`);
console.log(`baseline  bare spawn → all ready:            ${baseline.toFixed(0)} ms`);
console.log(`task-runner (shim + task) → all ready:      ${measured.toFixed(0)} ms  (${(measured / baseline).toFixed(2)}× baseline)`);
