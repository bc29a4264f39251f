import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.js";
import { type RunningProcess, startProcess } from "./process.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
/** The built agent; tests spawn it like a user would, never import it. */
export const DEV_AGENT_MAIN = join(repoRoot, "nomad/dev-agent/dist/main.js");

export interface StartDevAgentOptions {
  /** Data directory to use (kept between restarts). Default: a fresh temp dir. */
  dataDir?: string;
  /** Consul API port. Default: a free port on 127.0.0.1. */
  consulPort?: number;
  /** Nomad API port. Default: a free port on 127.0.0.1. */
  nomadPort?: number;
  /** Extra environment for the agent process. */
  env?: Record<string, string | undefined>;
}

export interface DevAgent {
  /** Base URL of the Consul HTTP API, e.g. `http://127.0.0.1:40123` (what CONSUL_HTTP_ADDR holds). */
  readonly consulAddr: string;
  /** Host and port only, e.g. `127.0.0.1:40123` (for clients that take them apart, like Prometheus). */
  readonly consulHostPort: string;
  /** Base URL of the Nomad HTTP API, e.g. `http://127.0.0.1:40124` (what NOMAD_ADDR holds). */
  readonly nomadAddr: string;
  readonly dataDir: string;
  /** The current agent process (a new one after each restart). */
  readonly process: RunningProcess;
  /**
   * Stops the agent (SIGTERM, or SIGKILL with `{ kill9: true }` to simulate a crash) and starts it
   * again on the same port and data directory; resolves once it listens again.
   */
  restart(options?: { kill9?: boolean }): Promise<void>;
  /** SIGTERM and wait for exit; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the BUILT dev agent (`node nomad/dev-agent/dist/main.js`) on a free loopback port with a
 * temp data directory, and waits for its `nomad api listening on` line (printed after the Consul
 * one, once both APIs listen). Build the agent first
 * (`pnpm --filter @forex-mesh/dev-agent build`); a missing build fails with that instruction.
 *
 * @example
 *   const agent = await startDevAgent();
 *   t.after(() => agent.stop());
 *   const consul = new Consul({ host: "127.0.0.1", port: Number(new URL(agent.consulAddr).port) });
 *   await agent.restart({ kill9: true }); // acknowledged writes are still there afterwards
 */
export async function startDevAgent(options: StartDevAgentOptions = {}): Promise<DevAgent> {
  if (!existsSync(DEV_AGENT_MAIN)) {
    throw new Error(`${DEV_AGENT_MAIN} is missing: run \`pnpm --filter @forex-mesh/dev-agent build\` first`);
  }
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "forex-dev-agent-")));
  const consulPort = options.consulPort ?? (await freePort());
  const nomadPort = options.nomadPort ?? (await freePort());
  const args = [DEV_AGENT_MAIN, "--data-dir", dataDir, "--consul-port", String(consulPort), "--nomad-port", String(nomadPort)];
  const spawnAgent = (): Promise<RunningProcess> =>
    startProcess(process.execPath, args, {
      env: options.env,
      // Printed last, once both APIs listen and the Nomad state was recovered.
      readyWhen: /nomad api listening on http:\/\/\S+/,
      readyTimeoutMs: 20_000,
    });
  let current = await spawnAgent();
  // A clean stop kills every task the agent runs, each after its kill_timeout (up to 10 s in our
  // job files, sidecars after main tasks), before the final snapshot.
  const STOP_GRACE_MS = 25_000;
  const consulAddr = `http://127.0.0.1:${consulPort}`;
  return {
    consulAddr,
    consulHostPort: `127.0.0.1:${consulPort}`,
    nomadAddr: `http://127.0.0.1:${nomadPort}`,
    dataDir,
    get process() {
      return current;
    },
    async restart({ kill9 = false } = {}) {
      if (kill9) await current.kill9();
      else await current.stop(STOP_GRACE_MS);
      current = await spawnAgent();
    },
    async stop() {
      await current.stop(STOP_GRACE_MS);
    },
  };
}
