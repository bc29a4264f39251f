/**
 * `pnpm bench:console`: the topology page's time to first render WITH data, and the p95 of the
 * console's API routes under 20 concurrent clients, against the real system (`forex-mesh up`,
 * console job included, steady traffic through the edge so the numbers are real).
 *
 * Baselines measured in the same run, on the same system:
 * - page: the login page (static, no data) loaded the same way: what Next + Chromium cost alone;
 * - API: the same 20 clients calling the backends the console calls (Consul health, a Prometheus
 *   instant query) directly: what the console adds on top of its sources.
 */
import { performance } from "node:perf_hooks";
import { launchBrowser } from "../src/it/browser";
import { consolePassword, type System, startSystem, startTraffic } from "../src/it/system";

const GOAL_RENDER_MS = 1_500;
const GOAL_API_P95_MS = 100;
const CLIENTS = 20;
const API_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
/** Same load first, not counted: a just-started `next start` is still compiling its hot paths. */
const WARMUP_SECONDS = 5;
const RENDER_RUNS = 5;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function login(system: System): Promise<string> {
  const res = await fetch(`${system.url.console}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: system.url.console, "sec-fetch-site": "same-origin" },
    body: JSON.stringify({ password: await consolePassword(system) }),
  });
  if (!res.ok) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error("login set no cookie");
  return cookie;
}

/** Waits until the topology API itself has edge numbers, so "with data" is reachable at all. */
async function waitForEdgeData(system: System, cookie: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${system.url.console}/api/topology`, { headers: { cookie } });
    const body = (await res.json()) as { edges?: Array<{ rps?: number | null }> };
    if ((body.edges ?? []).some((e) => (e.rps ?? 0) > 0)) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error("the topology showed no edge traffic within 90 s (is Prometheus scraping?)");
}

async function renderTimes(system: System, cookie: string): Promise<{ topology: number[]; login: number[] }> {
  const browser = await launchBrowser();
  const [name, value] = cookie.split("=") as [string, string];
  const topology: number[] = [];
  const loginPage: number[] = [];
  try {
    for (let i = 0; i < RENDER_RUNS; i += 1) {
      // A fresh page and an empty cache each time: a first visit, not a repaint.
      await browser.context.clearCookies();
      const page = await browser.context.newPage();
      await page.route("**/*", (route) => route.continue({ headers: { ...route.request().headers(), "cache-control": "no-cache" } }));
      let t0 = performance.now();
      await page.goto(`${system.url.console}/login`);
      await page.getByLabel("Password").waitFor();
      loginPage.push(performance.now() - t0);

      await browser.context.addCookies([{ name, value, url: system.url.console }]);
      t0 = performance.now();
      await page.goto(`${system.url.console}/`);
      // With data: forex-rate's health is on its node and at least one edge shows a rate above 0.
      await page.getByTestId("node-forex-rate@v1").filter({ hasText: /\d+\/\d+ passing/ }).waitFor({ timeout: 15_000 });
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="edges"] [data-testid="rps"]')].some((c) => Number(c.textContent) > 0), undefined, { timeout: 15_000 });
      topology.push(performance.now() - t0);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { topology: topology.sort((a, b) => a - b), login: loginPage.sort((a, b) => a - b) };
}

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}

/** CLIENTS loops, each calling the targets in turn for `seconds`; latency per target. */
async function closedLoop(targets: Target[], seconds = API_SECONDS): Promise<Map<string, { latencies: number[]; errors: number }>> {
  const stats = new Map(targets.map((t) => [t.name, { latencies: [] as number[], errors: 0 }]));
  const end = performance.now() + seconds * 1_000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      let i = client;
      while (performance.now() < end) {
        const target = targets[i % targets.length]!;
        i += 1;
        const t0 = performance.now();
        const stat = stats.get(target.name)!;
        try {
          const res = await fetch(target.url, { headers: target.headers });
          await res.arrayBuffer();
          if (!res.ok) stat.errors += 1;
        } catch {
          stat.errors += 1;
        }
        stat.latencies.push(performance.now() - t0);
      }
    }),
  );
  for (const s of stats.values()) s.latencies.sort((a, b) => a - b);
  return stats;
}

function printTable(title: string, stats: Map<string, { latencies: number[]; errors: number }>): number {
  console.log(`\n${title} (${CLIENTS} clients, ${API_SECONDS} s)`);
  console.log("  route".padEnd(48), "requests".padStart(9), "errors".padStart(7), "p50".padStart(8), "p95".padStart(8), "p99".padStart(8));
  const all: number[] = [];
  for (const [name, s] of stats) {
    all.push(...s.latencies);
    console.log(`  ${name}`.padEnd(48), String(s.latencies.length).padStart(9), String(s.errors).padStart(7), ms(quantile(s.latencies, 0.5)).padStart(8), ms(quantile(s.latencies, 0.95)).padStart(8), ms(quantile(s.latencies, 0.99)).padStart(8));
  }
  all.sort((a, b) => a - b);
  const p95 = quantile(all, 0.95);
  console.log("  all".padEnd(48), String(all.length).padStart(9), "".padStart(7), ms(quantile(all, 0.5)).padStart(8), ms(p95).padStart(8), ms(quantile(all, 0.99)).padStart(8));
  return p95;
}

async function main(): Promise<void> {
  console.log("starting forex-mesh (forex-mesh up --no-build on free ports)…");
  const system = await startSystem();
  const traffic = startTraffic(system, 2);
  try {
    const cookie = await login(system);
    console.log("waiting for Prometheus to have edge numbers…");
    await waitForEdgeData(system, cookie);

    console.log(`measuring the topology page's first render with data (${RENDER_RUNS} cold visits)…`);
    const render = await renderTimes(system, cookie);

    const prom = `http://127.0.0.1:${system.ports.prometheus}`;
    const consoleTargets: Target[] = [
      { name: "GET /api/topology", url: `${system.url.console}/api/topology`, headers: { cookie } },
      { name: "GET /api/services/forex-rate", url: `${system.url.console}/api/services/forex-rate`, headers: { cookie } },
      { name: "GET /api/services/forex-rate/metrics", url: `${system.url.console}/api/services/forex-rate/metrics?window=15m`, headers: { cookie } },
      { name: "GET /api/services/forex-rate/faults", url: `${system.url.console}/api/services/forex-rate/faults`, headers: { cookie } },
      { name: "GET /api/services/forex-rate/rollout", url: `${system.url.console}/api/services/forex-rate/rollout`, headers: { cookie } },
    ];
    const baselineTargets: Target[] = [
      { name: "Consul GET /v1/health/service/forex-rate", url: `${system.url.consul}/v1/health/service/forex-rate`, headers: {} },
      { name: "Prometheus instant query", url: `${prom}/api/v1/query?query=${encodeURIComponent("sum by (version) (rate(proxy_requests_total[30s]))")}`, headers: {} },
    ];
    console.log(`warming up the console's API routes (${WARMUP_SECONDS} s, not counted)…`);
    await closedLoop(consoleTargets, WARMUP_SECONDS);
    console.log("measuring the console's API routes…");
    const consoleP95 = printTable("console API routes", await closedLoop(consoleTargets));
    const baselineP95 = printTable("baseline: the same clients on the console's backends directly", await closedLoop(baselineTargets));

    console.log("\nresult                                     measured    goal      baseline (same run)");
    console.log(`topology first render with data (median)  ${ms(quantile(render.topology, 0.5)).padEnd(10)}  ≤ ${ms(GOAL_RENDER_MS).padEnd(8)}  login page ${ms(quantile(render.login, 0.5))}`);
    console.log(`topology first render with data (worst)   ${ms(render.topology.at(-1) ?? Number.NaN).padEnd(10)}`);
    console.log(`console API p95, ${CLIENTS} clients              ${ms(consoleP95).padEnd(10)}  ≤ ${ms(GOAL_API_P95_MS).padEnd(8)}  backends direct ${ms(baselineP95)}`);
  } finally {
    await traffic.stop();
    await system.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
