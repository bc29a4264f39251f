/**
 * Benchmark of the dev agent's Nomad half, against the BUILT agent as a separate process over
 * loopback. Each figure is printed next to a baseline measured in the same run:
 *   - place and run 100 allocations of a trivial job (one raw_exec task, `sleep`), from the
 *     register request to every alloc reporting `running`, vs. spawning 100 bare Node processes
 *     (each alloc's task runs under a Node executor shim, so one Node start per alloc is the floor;
 *     the baseline starts them with an empty environment, as the shim is started);
 *   - register-to-running latency of a one-alloc job (p50/p99 over sequential registers), vs. one
 *     bare Node process start (p50/p99).
 * Bounded: fixed counts, one agent, everything on 127.0.0.1; the agent stops every task on exit.
 * Run: pnpm --filter @forex-mesh/dev-agent bench:agent   (BENCH_ALLOCS, BENCH_ROUNDS to change N)
 */
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { startDevAgent } from "@forex-mesh/test-utils";

const ALLOCS = Number(process.env.BENCH_ALLOCS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

interface Reply {
  index: number;
  body: unknown;
}

async function call(url: string, method = "GET", body?: unknown): Promise<Reply> {
  const res = await fetch(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return { index: Number(res.headers.get("x-nomad-index") ?? 0), body: JSON.parse(text) };
}

/** A trivial service job in the api shape (what the CLI sends; the agent canonicalizes it). */
function trivialJob(id: string, count: number): unknown {
  return {
    Job: {
      ID: id,
      Name: id,
      Type: "service",
      Datacenters: ["dc1"],
      Update: { MaxParallel: 0 },
      TaskGroups: [
        {
          Name: "g",
          Count: count,
          Tasks: [{ Name: "t", Driver: "raw_exec", Config: { command: "/bin/sleep", args: ["600"] }, KillTimeout: 1_000_000_000 }],
        },
      ],
    },
  };
}

/** Registers and waits (blocking reads on the job's allocs) until `count` allocs run; ms. */
async function registerUntilRunning(nomad: string, id: string, count: number): Promise<number> {
  const t0 = performance.now();
  await call(`${nomad}/v1/jobs`, "PUT", trivialJob(id, count));
  let index = 0;
  for (;;) {
    const r = await call(`${nomad}/v1/job/${id}/allocations?index=${index}&wait=30s`);
    const running = (r.body as Array<{ ClientStatus: string }>).filter((a) => a.ClientStatus === "running").length;
    if (running >= count) return performance.now() - t0;
    index = r.index;
  }
}

/** Starts `n` bare Node processes at once and waits until each has printed; ms. Kills them after. */
async function bareNodeStarts(n: number): Promise<number> {
  const t0 = performance.now();
  // An empty environment, as the executor shim gets: on this machine the inherited environment
  // alone makes a Node start about 2.5x slower.
  const children = Array.from({ length: n }, () => spawn(process.execPath, ["-e", "process.stdout.write('ready');setInterval(()=>{},1e6)"], { env: {} }));
  await Promise.all(children.map((c) => new Promise((resolve) => c.stdout.once("data", resolve))));
  const ms = performance.now() - t0;
  await Promise.all(
    children.map((c) => {
      const exited = new Promise((resolve) => c.once("exit", resolve));
      c.kill("SIGKILL");
      return exited;
    }),
  );
  return ms;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const ms = (n: number): string => `${n.toFixed(0)} ms`;
function line(label: string, value: string, baseline: string): void {
  process.stdout.write(`${label.padEnd(44)} ${value.padEnd(22)} baseline: ${baseline}\n`);
}

async function main(): Promise<void> {
  process.stdout.write(`dev-agent Nomad bench: ${ALLOCS} allocs, ${ROUNDS} latency rounds, load ${loadavg()[0]?.toFixed(2)}\n`);
  const agent = await startDevAgent();
  try {
    const baseline100 = await bareNodeStarts(ALLOCS);
    const placed = await registerUntilRunning(agent.nomadAddr, "bench-many", ALLOCS);
    line(`place + run ${ALLOCS} allocs`, ms(placed), `${ALLOCS} bare node starts ${ms(baseline100)}`);
    await call(`${agent.nomadAddr}/v1/job/bench-many?purge=true`, "DELETE");

    const latencies: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      bare.push(await bareNodeStarts(1));
      latencies.push(await registerUntilRunning(agent.nomadAddr, `bench-one-${i}`, 1));
    }
    line("register -> running, p50", ms(pct(latencies, 50)), `one bare node start p50 ${ms(pct(bare, 50))}`);
    line("register -> running, p99", ms(pct(latencies, 99)), `one bare node start p99 ${ms(pct(bare, 99))}`);
  } finally {
    await agent.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
