/**
 * `pnpm --filter @forex-mesh/rate bench` (root alias `bench:services`): requests/s and latency of the
 * built services under autocannon, next to a bare `node:http` server answering a fixed 200-byte JSON
 * body, measured in the same run so the ratio means something on whatever machine runs it.
 *
 * Each target runs in its own process (as in production) and gets a 1 s warm-up. The machine is
 * shared (2 cores, other benchmarks may run), so bare and forex-rate are measured in alternating
 * rounds and the ratio is the median of the per-round ratios: neighbours in time see the same load.
 * Each target's CPU time per request (from /proc) is printed too: it does not depend on how busy
 * the other core is, so it is the steadier comparison on a shared machine.
 * At most BENCH_SECONDS (default 6, capped at 10) of measurement per target. Needs `pnpm -r build`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort, waitFor } from "@forex-mesh/test-utils";
import autocannon from "autocannon";

const rateDir = fileURLToPath(new URL("..", import.meta.url));
const rateMain = `${rateDir}dist/main.js`;
const converterMain = fileURLToPath(new URL("../../converter/dist/main.js", import.meta.url));
const seconds = Math.min(10, Math.max(3, Number(process.env["BENCH_SECONDS"] ?? 6)));
const ROUNDS = 5;
/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;
const connections = Number(process.env["BENCH_CONNECTIONS"] ?? 32);

const BODY = JSON.stringify({ amount: 1, base: "USD", date: "2026-04-13", rates: { JPY: 159.83 }, padding: "" });
const FIXED_BODY = JSON.stringify({ amount: 1, base: "USD", date: "2026-04-13", rates: { JPY: 159.83 }, padding: "x".repeat(200 - BODY.length) });

/** The baseline: node:http with no framework, no logging, one constant body. */
const BARE_SERVER = `
const body = Buffer.from(${JSON.stringify(FIXED_BODY)});
require("node:http").createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
  res.end(body);
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

interface Figures {
  name: string;
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Server CPU (user + system) per answered request, in microseconds; NaN where /proc is missing. */
  cpuMicros: number;
}

const children: ChildProcess[] = [];
const pids = new Map<string, number>();

function cpuTicks(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

async function startTarget(args: string[], env: Record<string, string>, probe: string): Promise<string> {
  const port = await freePort();
  // stdout to /dev/null: the services still format and write every access-log line, nobody reads it.
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  if (child.pid !== undefined) pids.set(url, child.pid);
  await waitFor(`${probe} on ${url}`, async () => (await fetch(url + probe).catch(() => undefined))?.ok, { timeoutMs: 15_000 });
  return url;
}

async function warmUp(url: string): Promise<void> {
  await autocannon({ url, connections, duration: 1 });
}

async function measure(name: string, url: string, path: string, duration: number): Promise<Figures> {
  const before = cpuTicks(pids.get(url));
  const result = await autocannon({ url: url + path, connections, duration });
  const cpuMs = (cpuTicks(pids.get(url)) - before) * TICK_MS;
  return {
    name,
    path,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuMicros: (cpuMs * 1000) / Math.max(1, result.requests.total),
  };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function row(figures: Figures, ratio: number): string {
  return `| ${figures.name} | \`${figures.path}\` | ${figures.requestsPerSecond.toFixed(0)} | ${figures.p50} | ${figures.p99} | ${(ratio * 100).toFixed(0)}% | ${figures.cpuMicros.toFixed(0)} | ${figures.non2xx + figures.errors} |\n`;
}

async function main(): Promise<void> {
  if (!existsSync(rateMain)) throw new Error(`${rateMain} is missing: run \`pnpm -r build\` first`);
  const bare = await startTarget(["-e", BARE_SERVER], {}, "/");
  const rate = await startTarget([rateMain], { LOG_LEVEL: process.env["BENCH_LOG_LEVEL"] ?? "info", FOREX_VERSION: "bench" }, "/readyz");
  const ratePath = "/v1/latest?base=USD&symbols=JPY";
  await warmUp(bare);
  await warmUp(rate + ratePath);
  const rounds: { bare: Figures; rate: Figures }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const bareFigures = await measure("bare node:http (200-byte JSON)", bare, "/", seconds / ROUNDS);
    const rateFigures = await measure("forex-rate", rate, ratePath, seconds / ROUNDS);
    rounds.push({ bare: bareFigures, rate: rateFigures });
  }
  const ratios = rounds.map((r) => r.rate.requestsPerSecond / r.bare.requestsPerSecond);
  const ratio = median(ratios);
  // The round whose ratio is the median one stands for the table.
  const typical = rounds[ratios.indexOf(ratio)]!;
  const lines = [row(typical.bare, 1), row(typical.rate, ratio)];

  if (existsSync(converterMain)) {
    const converter = await startTarget([converterMain], { LOG_LEVEL: "info", FOREX_VERSION: "bench", FOREX_RATE_URL: rate }, "/readyz");
    const convertPath = "/v1/convert?from=USD&to=JPY&amount=100.50";
    await warmUp(converter + convertPath);
    const converted = await measure("forex-converter → forex-rate", converter, convertPath, seconds / ROUNDS);
    const bareAfter = await measure("bare node:http (200-byte JSON)", bare, "/", seconds / ROUNDS);
    lines.push(row(converted, converted.requestsPerSecond / bareAfter.requestsPerSecond));
  } else {
    lines.push(`(no ${converterMain}: conversion not measured)\n`);
  }

  process.stdout.write(`\n${connections} connections; ${ROUNDS} alternating rounds of ${(seconds / ROUNDS).toFixed(1)} s after a 1 s warm-up; node ${process.version}\n\n`);
  process.stdout.write("| target | path | req/s | p50 ms | p99 ms | vs bare | server CPU µs/req | non-2xx |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
  for (const line of lines) process.stdout.write(line);
  process.stdout.write(`\nper-round forex-rate/bare: ${ratios.map((r) => `${(r * 100).toFixed(0)}%`).join(", ")}\n`);
  const cpu = (pick: (r: { bare: Figures; rate: Figures }) => Figures) => median(rounds.map((r) => pick(r).cpuMicros));
  const cpuRatio = cpu((r) => r.bare) / cpu((r) => r.rate);
  process.stdout.write(
    `server CPU per request, median of rounds: bare ${cpu((r) => r.bare).toFixed(1)} µs, forex-rate ${cpu((r) => r.rate).toFixed(1)} µs ` +
      `(forex-rate could serve ${(cpuRatio * 100).toFixed(0)}% of bare's rate on equal CPU)\n`,
  );
  process.stdout.write(`forex-rate at ${(ratio * 100).toFixed(0)}% of bare node:http (goal ≥ 50%): ${ratio >= 0.5 ? "met" : "NOT met"}\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const child of children) child.kill("SIGTERM");
  });
