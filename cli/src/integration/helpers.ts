/**
 * Helpers for the CLI's integration tests: the real, built dev agent on free loopback ports (no
 * fake anywhere), the CLI's commands run in-process against it with captured output, and the test
 * job in ../fixtures.
 */
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { configFromEnv, createNomadClient, type NomadClient } from "@forex-mesh/nomad-client";
import { DEV_AGENT_MAIN, freePort, type RunningProcess, startProcess } from "@forex-mesh/test-utils";
import { bufferOutput } from "../monitor/output.js";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../../..");
export const HELLO_JOB = join(here, "../fixtures/hello.nomad.hcl");
export const HELLO_TASK = join(here, "../fixtures/hello-task.mjs");

export interface Agent {
  nomadAddr: string;
  consulAddr: string;
  dataDir: string;
  process: RunningProcess;
  client: NomadClient;
  stop(): Promise<void>;
}

export async function startAgent(): Promise<Agent> {
  if (!existsSync(DEV_AGENT_MAIN)) throw new Error(`${DEV_AGENT_MAIN} is missing: run pnpm --filter @forex-mesh/dev-agent build`);
  const dataDir = await mkdtemp(join(tmpdir(), "forex-cli-agent-"));
  const [consulPort, nomadPort] = [await freePort(), await freePort()];
  const proc = await startProcess(process.execPath, [DEV_AGENT_MAIN, "--data-dir", dataDir, "--consul-port", String(consulPort), "--nomad-port", String(nomadPort)], {
    readyWhen: /nomad api listening on http:\/\/\S+/,
    readyTimeoutMs: 20_000,
  });
  const nomadAddr = `http://127.0.0.1:${nomadPort}`;
  // The commands find the agent the way nomad's do: NOMAD_ADDR.
  process.env.NOMAD_ADDR = nomadAddr;
  const client = createNomadClient(configFromEnv({ NOMAD_ADDR: nomadAddr }));
  return {
    nomadAddr,
    consulAddr: `http://127.0.0.1:${consulPort}`,
    dataDir,
    process: proc,
    client,
    async stop() {
      // Stop the jobs first so no task outlives the test, then the agent.
      const { data: jobs } = await client.jobs.list().catch(() => ({ data: [] }));
      for (const j of jobs) await client.jobs.deregister(j.ID ?? "", { purge: true }).catch(() => {});
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const { data } = await client.allocations.list().catch(() => ({ data: [] }));
        if (!data.some((a) => a.ClientStatus === "running" || a.ClientStatus === "pending")) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await proc.stop();
    },
  };
}

/** Runs one CLI command function with captured stdout and stderr. */
export async function capture(fn: (argv: string[], out: ReturnType<typeof bufferOutput>, err: ReturnType<typeof bufferOutput>) => Promise<number>, argv: string[]) {
  const out = bufferOutput();
  const err = bufferOutput();
  const code = await fn(argv, out, err);
  return { code, out: out.text(), err: err.text() };
}

export const helloVars = (version = "v1") => ["-var", `script=${HELLO_TASK}`, "-var", `version=${version}`];
