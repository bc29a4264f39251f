/**
 * The whole system for the console's browser test: `forex-mesh up` (the CLI, run as a separate
 * process from its built `dist`) on free ports, the console job included. Needs `pnpm -r build`.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort, type RunningProcess, startProcess } from "@forex-mesh/test-utils";

export const consoleDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const repoRoot = resolve(consoleDir, "..");
const CLI = join(repoRoot, "cli/dist/main.js");
const execFileAsync = promisify(execFile);

export interface System {
  up: RunningProcess;
  ports: { consul: number; nomad: number; edge: number; prometheus: number; console: number };
  url: { console: string; edge: string; nomad: string; consul: string };
  stop(): Promise<void>;
}

export async function startSystem(): Promise<System> {
  for (const f of [CLI, join(consoleDir, ".next/BUILD_ID")]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run pnpm -r build first`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), "forex-console-it-"));
  const ports = { consul: await freePort(), nomad: await freePort(), edge: await freePort(), prometheus: await freePort(), console: await freePort() };
  const up = await startProcess(
    process.execPath,
    [CLI, "up", "--no-build", "--consul-port", String(ports.consul), "--nomad-port", String(ports.nomad), "--edge-port", String(ports.edge), "--prometheus-port", String(ports.prometheus), "--console-port", String(ports.console), "--data-dir", dataDir, "--timeout", "90"],
    { cwd: repoRoot, readyWhen: /forex-mesh is up/, readyTimeoutMs: 120_000 },
  );
  const host = (p: number) => `http://127.0.0.1:${p}`;
  return {
    up,
    ports,
    url: { console: host(ports.console), edge: host(ports.edge), nomad: host(ports.nomad), consul: host(ports.consul) },
    async stop() {
      if (up.child.exitCode === null) await up.stop(30_000);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the CLI once (e.g. `job run`) against this system's Nomad and waits for it to finish. */
export async function cli(system: System, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, [CLI, ...args], { cwd: repoRoot, env: { ...process.env, NOMAD_ADDR: system.url.nomad }, timeout: 60_000 });
  return stdout;
}

/** The console password of this run, as `forex-mesh up` prints it beside the console's URL. */
export async function consolePassword(system: System): Promise<string> {
  const match = /console +http:\S+ +password (\S+)/.exec(system.up.output());
  if (!match) throw new Error(`up printed no console password:\n${system.up.output()}`);
  return match[1]!;
}

/**
 * Keeps requests flowing through the edge (`concurrency` at a time) until `stop()`, which returns the
 * statuses seen. Sustained, because a rate needs two scrapes that both see the counter rising.
 */
export function startTraffic(system: System, concurrency = 2): { stop(): Promise<Map<number, number>> } {
  const statuses = new Map<number, number>();
  let running = true;
  let n = 0;
  const loops = Array.from({ length: concurrency }, async () => {
    while (running) {
      n += 1;
      const res = await fetch(`${system.url.edge}/?amount=${n}&from=USD&to=JPY`);
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return statuses;
    },
  };
}
