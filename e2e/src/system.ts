/**
 * @module The whole system for one test file: `forex-mesh up` (the built CLI, `--no-build`) on
 * free loopback ports and its own data directory, so test files never meet each other's or a
 * developer's running system. `stop()` is Ctrl-C: the CLI stops every job, then the agent.
 */
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { configFromEnv, createNomadClient, type NomadClient } from "@forex-mesh/nomad-client";
import { freePort, type RunningProcess, startProcess } from "@forex-mesh/test-utils";
import { E2eError, E2eErrorCode } from "./errors.js";
import { Prometheus } from "./prometheus.js";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = join(REPO_ROOT, "cli/dist/main.js");
/** What `up --no-build` runs: the tree must be built (`pnpm -r build`; `pnpm test` builds first). */
const BUILT = ["cli/dist/main.js", "nomad/dev-agent/dist/main.js", "proxy/dist/main.js", "services/rate/dist/main.js", "services/converter/dist/main.js", "services/web/dist/main.js", "observability/dist/main.js", "observability/dist/cli.js", "rollout/dist/main.js"];

export interface System {
  edgeUrl: string;
  nomadAddr: string;
  consulAddr: string;
  prometheus: Prometheus;
  nomad: NomadClient;
  dataDir: string;
  /** Everything `up` printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function startSystem(): Promise<System> {
  for (const f of BUILT) if (!existsSync(join(REPO_ROOT, f))) throw new E2eError(E2eErrorCode.NotBuilt, `${f} is missing: run pnpm -r build first`);
  const dataDir = await mkdtemp(join(tmpdir(), "forex-e2e-"));
  const ports = { consul: await freePort(), nomad: await freePort(), edge: await freePort(), prometheus: await freePort(), console: await freePort() };
  let up: RunningProcess;
  try {
    up = await startProcess(
      process.execPath,
      [
        CLI,
        "up",
        "--no-build",
        ...["--consul-port", String(ports.consul), "--nomad-port", String(ports.nomad), "--edge-port", String(ports.edge)],
        // The console's port too, so a console job (when there is one) never meets a running one.
        ...["--prometheus-port", String(ports.prometheus), "--console-port", String(ports.console)],
        ...["--data-dir", dataDir, "--timeout", "90"],
      ],
      { cwd: REPO_ROOT, readyWhen: /forex-mesh is up/, readyTimeoutMs: 100_000 },
    );
  } catch (error) {
    throw new E2eError(E2eErrorCode.SystemStart, error instanceof Error ? error.message : String(error));
  }
  const nomadAddr = `http://127.0.0.1:${ports.nomad}`;
  return {
    edgeUrl: `http://127.0.0.1:${ports.edge}`,
    nomadAddr,
    consulAddr: `http://127.0.0.1:${ports.consul}`,
    prometheus: new Prometheus(`http://127.0.0.1:${ports.prometheus}`),
    nomad: createNomadClient(configFromEnv({ NOMAD_ADDR: nomadAddr })),
    dataDir,
    output: () => up.output(),
    async stop() {
      if (up.child.exitCode === null && up.child.signalCode === null) {
        const exited = once(up.child, "exit");
        up.child.kill("SIGINT");
        const timer = setTimeout(() => void up.stop(5_000), 45_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
