/**
 * Benchmark of the dev agent's Consul half, against the BUILT agent as a separate process over
 * loopback. Each figure is printed next to a baseline measured in the same run on the same machine:
 *   - KV PUT throughput, sequential and 32 concurrent clients, vs. raw fdatasync rate on the same
 *     disk and vs. a do-nothing Node HTTP server (the ceilings we could reach);
 *   - KV write -> wake-up of 500 blocking watchers (p50/p99) vs. a do-nothing server releasing 500
 *     held requests at once;
 *   - health watch wake-up after a check turns critical (via check/fail, and via a failing HTTP check).
 * Bounded: a fixed number of operations per phase, one agent, everything on 127.0.0.1.
 * Run: pnpm --filter @forex-mesh/dev-agent bench
 */
import { open, rm } from "node:fs/promises";
import { Agent, createServer, request } from "node:http";
import { loadavg } from "node:os";
import { join } from "node:path";
import { listenOn, startDevAgent } from "@forex-mesh/test-utils";
import { openWatchers } from "./raw-watchers.js";

const SEQUENTIAL_PUTS = 400;
const CONCURRENT_CLIENTS = 32;
const CONCURRENT_PUTS = 4000;
const WATCHERS = 500;
const WATCH_ROUNDS = 10;
/** Uncounted rounds first: a long-running agent's fan-out path is JIT-compiled, a cold one is not. */
const WARMUP_ROUNDS = 2;
const HEALTH_ROUNDS = 20;

const agentPool = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

interface Reply {
  status: number;
  index: number;
  body: string;
}

function call(base: string, method: string, path: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent: agentPool }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        text += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, index: Number(res.headers["x-consul-index"] ?? 0), body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const fmt = (n: number, digits = 1): string => n.toFixed(digits).padStart(9);
function line(label: string, value: string, baseline: string): void {
  process.stdout.write(`${label.padEnd(48)} ${value.padEnd(24)} baseline: ${baseline}\n`);
}

async function fsyncBaseline(dir: string): Promise<number> {
  const path = join(dir, "fsync-baseline.bin");
  const fh = await open(path, "w");
  const buf = Buffer.alloc(120, 1);
  const start = performance.now();
  for (let i = 0; i < SEQUENTIAL_PUTS; i++) {
    await fh.write(buf);
    await fh.datasync();
  }
  const elapsed = performance.now() - start;
  await fh.close();
  await rm(path);
  return (SEQUENTIAL_PUTS / elapsed) * 1000;
}

async function throughput(base: string, path: (n: number) => string, total: number, clients: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const n = next++;
        const reply = await call(base, "PUT", path(n), `{"n":${n}}`);
        if (reply.status !== 200) throw new Error(`PUT failed: ${reply.status} ${reply.body}`);
      }
    }),
  );
  return (total / (performance.now() - start)) * 1000;
}

/** A server that only holds GETs and releases them all on a POST: the floor for HTTP fan-out. */
async function fanOutBaseline(): Promise<{ base: string; close: () => void }> {
  let held: import("node:http").ServerResponse[] = [];
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url?.startsWith("/hold")) {
      held.push(res);
      return;
    }
    const release = held;
    held = [];
    for (const r of release) r.end('[{"Key":"k"}]');
    res.end("ok");
  });
  const base = await listenOn(server);
  return { base, close: () => server.close() };
}

async function wakeRounds(
  rounds: number,
  park: (round: number) => Promise<unknown>[],
  trigger: (round: number) => Promise<unknown>,
): Promise<{ fromWrite: number[] }> {
  const fromWrite: number[] = [];
  for (let round = -WARMUP_ROUNDS; round < rounds; round++) {
    // A parked request resolves with its completion time (raw watchers) or its reply.
    const waits = park(round).map((p) => p.then((v) => (typeof v === "number" ? v : performance.now())));
    await new Promise((r) => setTimeout(r, 800)); // let every watcher reach the agent and park
    const t0 = performance.now();
    await trigger(round);
    const done = await Promise.all(waits);
    if (round >= 0) for (const t of done) fromWrite.push(t - t0);
  }
  return { fromWrite: fromWrite.sort((a, b) => a - b) };
}

async function main(): Promise<void> {
  const agent = await startDevAgent();
  const base = agent.consulAddr;
  // Other work on this 2-core machine moves every figure; the load average says how quiet it was.
  const load = (): string => loadavg().map((l) => l.toFixed(2)).join(" ");
  process.stdout.write(`dev agent ${base}, data dir ${agent.dataDir}, load average ${load()}\n\n`);
  try {
    const noop = createServer((_req, res) => res.end("true"));
    const noopBase = await listenOn(noop);

    const fsyncRate = await fsyncBaseline(agent.dataDir);
    const noopSeq = await throughput(noopBase, (n) => `/kv/${n}`, SEQUENTIAL_PUTS, 1);
    const seq = await throughput(base, (n) => `/v1/kv/bench/seq/${n}`, SEQUENTIAL_PUTS, 1);
    line("KV PUT sequential (writes/s)", fmt(seq), `${fmt(fsyncRate)} fdatasync/s on the same disk, ${fmt(noopSeq)} req/s no-op HTTP`);
    const noopPar = await throughput(noopBase, (n) => `/kv/${n}`, CONCURRENT_PUTS, CONCURRENT_CLIENTS);
    const par = await throughput(base, (n) => `/v1/kv/bench/par/${n}`, CONCURRENT_PUTS, CONCURRENT_CLIENTS);
    line(`KV PUT ${CONCURRENT_CLIENTS} concurrent (writes/s, goal >= 2000)`, fmt(par), `${fmt(noopPar)} req/s no-op HTTP`);
    noop.close();

    const key = "/v1/kv/bench/watched";
    await call(base, "PUT", key, "0");
    let index = (await call(base, "GET", key)).index;
    const watchers = await openWatchers(base, WATCHERS);
    const kv = await wakeRounds(
      WATCH_ROUNDS,
      () => watchers.park(`${key}?index=${index}&wait=60s`),
      async (round) => {
        await call(base, "PUT", key, String(round + WARMUP_ROUNDS + 1));
        index = (await call(base, "GET", key)).index;
      },
    );
    watchers.close();
    const fan = await fanOutBaseline();
    const fanWatchers = await openWatchers(fan.base, WATCHERS);
    const baseline = await wakeRounds(
      WATCH_ROUNDS,
      () => fanWatchers.park("/hold"),
      () => call(fan.base, "POST", "/release"),
    );
    fanWatchers.close();
    fan.close();
    line(`KV write -> ${WATCHERS} watchers woken, p50 (ms, warm)`, fmt(percentile(kv.fromWrite, 50), 2), `${fmt(percentile(baseline.fromWrite, 50), 2)} no-op server releasing ${WATCHERS} held requests`);
    line(`KV write -> ${WATCHERS} watchers woken, p99 (ms, warm, goal <= 20)`, fmt(percentile(kv.fromWrite, 99), 2), `${fmt(percentile(baseline.fromWrite, 99), 2)} no-op server`);

    await call(base, "PUT", "/v1/agent/service/register", JSON.stringify({ Name: "bench", ID: "bench-1", Port: 1, Check: { CheckID: "bench-ttl", TTL: "10m", Status: "passing" } }));
    let hIndex = (await call(base, "GET", "/v1/health/service/bench")).index;
    const health = await wakeRounds(
      HEALTH_ROUNDS,
      () => [call(base, "GET", `/v1/health/service/bench?index=${hIndex}&wait=60s`)],
      async (round) => {
        await call(base, "PUT", `/v1/agent/check/${round % 2 === 0 ? "fail" : "pass"}/bench-ttl`);
        hIndex = (await call(base, "GET", "/v1/health/service/bench")).index;
      },
    );
    line("check/fail -> health watcher woken, p50 (ms)", fmt(percentile(health.fromWrite, 50), 2), `${fmt(percentile(kv.fromWrite, 50), 2)} KV wake-up above`);
    line("check/fail -> health watcher woken, p99 (ms)", fmt(percentile(health.fromWrite, 99), 2), `${fmt(percentile(kv.fromWrite, 99), 2)} KV wake-up above`);

    let failing = false;
    const app = createServer((_req, res) => {
      res.statusCode = failing ? 500 : 200;
      res.end();
    });
    const appBase = await listenOn(app);
    await call(base, "PUT", "/v1/agent/service/register", JSON.stringify({ Name: "bench-http", ID: "bench-http-1", Port: 1, Check: { CheckID: "bench-http", HTTP: `${appBase}/health`, Interval: "100ms", Timeout: "1s" } }));
    await new Promise((r) => setTimeout(r, 500));
    const samples: number[] = [];
    for (let round = 0; round < 10; round++) {
      const before = await call(base, "GET", "/v1/health/service/bench-http?passing");
      const wantPassing = failing;
      const waiting = call(base, "GET", `/v1/health/service/bench-http?index=${before.index}&wait=10s`);
      const t0 = performance.now();
      failing = !failing;
      await waiting;
      samples.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, wantPassing ? 50 : 150));
    }
    app.close();
    samples.sort((a, b) => a - b);
    line("HTTP check turns critical -> watcher woken, p50 (ms)", fmt(percentile(samples, 50), 1), "100 ms check interval (the expected upper bound)");
    line("HTTP check turns critical -> watcher woken, max (ms)", fmt(samples.at(-1) ?? Number.NaN, 1), "100 ms check interval + probe + fsync");
    process.stdout.write(`\nload average at the end: ${load()}\n`);
  } finally {
    agentPool.destroy();
    await agent.stop();
    await rm(agent.dataDir, { recursive: true, force: true });
  }
}

await main();
