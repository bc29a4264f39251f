/**
 * `pnpm bench:agent` (this package's `bench`): how long `forex-mesh up` takes from the command to
 * every job healthy (allocations running, Consul checks passing), next to a baseline measured in the
 * same run: the dev agent plus the very same task processes (command line, environment and working
 * directory read from /proc while `up` ran) started directly, all at once, until each answers its
 * /healthz. The difference is what scheduling, registration and health checking cost.
 *
 * Runs the built CLI (`cli/dist/main.js up --no-build`); the build check is timed on its own.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "@forex-mesh/test-utils";
import { scanPackages, staleReasons } from "../src/up/build.js";

const root = resolve(import.meta.dirname, "../..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface TaskProcess {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  probePort: number;
}

function tasksUnder(dir: string): TaskProcess[] {
  const out: TaskProcess[] = [];
  for (const pid of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (!cwd.startsWith(join(dir, "alloc"))) continue;
      // The agent resolved the command on its own PATH; keep the binary it actually ran.
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      argv[0] = readlinkSync(`/proc/${pid}/exe`);
      const env = Object.fromEntries(
        readFileSync(`/proc/${pid}/environ`, "utf8")
          .split("\0")
          .filter(Boolean)
          .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
      );
      const port = env.NOMAD_TASK_NAME === "app" ? env.NOMAD_PORT_app : env.NOMAD_PORT_admin;
      if (port) out.push({ argv, cwd, env, probePort: Number(port) });
    } catch {
      // Gone, or not ours.
    }
  }
  return out;
}

async function waitLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  let text = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${pattern}:\n${text.slice(-3000)}`)), timeoutMs);
    const onData = (c: Buffer) => {
      text += c.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", () => reject(new Error(`exited before ${pattern}:\n${text.slice(-3000)}`)));
  });
}

/** Times one `up`; the data dir is returned (not deleted) so the baseline can reuse its task dirs. */
async function timeUp(captureTasks: boolean): Promise<{ ms: number; tasks: TaskProcess[]; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), "forex-bench-up-"));
  const args = ["up", "--no-build", "--consul-port", String(await freePort()), "--nomad-port", String(await freePort()), "--edge-port", String(await freePort()), "--prometheus-port", String(await freePort()), "--console-port", String(await freePort()), "--data-dir", dataDir];
  const t0 = performance.now();
  const up = spawn(process.execPath, [join(root, "cli/dist/main.js"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  await waitLine(up, /forex-mesh is up \(/, 120_000);
  const ms = performance.now() - t0;
  const tasks = captureTasks ? tasksUnder(dataDir) : [];
  up.kill("SIGINT");
  await once(up, "exit");
  return { ms, tasks, dataDir };
}

async function healthy(port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`nothing healthy on port ${port} after 60 s`);
}

async function timeDirect(tasks: TaskProcess[]): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), "forex-bench-direct-"));
  const children: ChildProcess[] = [];
  const t0 = performance.now();
  const agent = spawn(process.execPath, [join(root, "nomad/dev-agent/dist/main.js"), "--data-dir", dataDir, "--consul-port", String(await freePort()), "--nomad-port", String(await freePort())], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(agent);
  await waitLine(agent, /nomad api listening/, 30_000);
  try {
    for (const t of tasks) children.push(spawn(t.argv[0]!, t.argv.slice(1), { cwd: t.cwd, env: t.env, stdio: "ignore" }));
    await Promise.all(tasks.map((t) => healthy(t.probePort)));
    return performance.now() - t0;
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? once(c, "exit") : null)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const t = performance.now();
const stale = staleReasons(scanPackages(root));
const checkMs = performance.now() - t;
console.log(`load average before: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
console.log(`build check: ${checkMs.toFixed(0)} ms (${stale.length} stale package(s); not built here, --no-build below)`);
const upRuns: number[] = [];
let tasks: TaskProcess[] = [];
const dataDirs: string[] = [];
for (let i = 0; i < RUNS; i++) {
  const r = await timeUp(i === 0);
  if (i === 0) tasks = r.tasks;
  dataDirs.push(r.dataDir);
  upRuns.push(r.ms);
  console.log(`up run ${i + 1}: ${(r.ms / 1000).toFixed(2)} s to all jobs healthy`);
}
const direct = await timeDirect(tasks);
for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
const median = [...upRuns].sort((a, b) => a - b)[Math.floor(upRuns.length / 2)]!;
console.log(`
| figure | value | goal |
| --- | --- | --- |
| \`forex-mesh up\` → all ${tasks.length} tasks of 4 jobs healthy (median of ${RUNS}) | ${(median / 1000).toFixed(2)} s | ≤ 15 s |
| baseline: agent + the same ${tasks.length} processes started directly → each /healthz 200 | ${(direct / 1000).toFixed(2)} s | |
| build check (mtime scan of the workspace) | ${checkMs.toFixed(0)} ms | |`);
