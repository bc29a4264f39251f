/**
 * Shared by the integration tests: a real dev agent (Consul KV + Nomad), a job with canaries on it,
 * the Prometheus MOCK, and the controller as a real process (`src/main.ts` through tsx), so a
 * test can kill it and start another.
 */
import { dirname, join, resolve } from "node:path";
import type { TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import { registerRequest } from "@forex-mesh/jobspec";
import { createNomadClient, type Deployment, type NomadClient } from "@forex-mesh/nomad-client";
import { parseRouteTable, parseRoutingHistory, type RouteTable, type RoutingHistory, historyKey, routeKey } from "@forex-mesh/routing";
import { type DevAgent, type RunningProcess, startDevAgent, startProcess, waitFor } from "@forex-mesh/test-utils";
import { createConsulKv, type ConsulKv } from "../consul.js";
import { parseRolloutStatus } from "../parse.js";
import { type RolloutSpecInput, type RolloutStatus, rolloutControlKey, rolloutSpecKey, rolloutStatusKey } from "../schema.js";
import { type PrometheusMock, startPrometheusMock } from "../testing/prometheus-mock.js";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, "../..");
const TASK = join(here, "../testing/task.mjs");
export const SERVICE = "demo";

export interface World {
  agent: DevAgent;
  kv: ConsulKv;
  nomad: NomadClient;
  prometheus: PrometheusMock;
}

export async function startWorld(t: TestContext): Promise<World> {
  const agent = await startDevAgent();
  t.after(() => agent.stop());
  const prometheus = await startPrometheusMock();
  t.after(() => prometheus.close());
  return { agent, kv: createConsulKv(agent.consulAddr, undefined), nomad: createNomadClient({ address: agent.nomadAddr, timeoutMs: 10_000 }), prometheus };
}

function jobHcl(version: string): string {
  return `
job "${SERVICE}" {
  datacenters = ["dc1"]
  meta {
    version = "${version}"
  }
  update {
    max_parallel      = 1
    canary            = 1
    auto_revert       = true
    auto_promote      = false
    min_healthy_time  = "1s"
    healthy_deadline  = "20s"
    progress_deadline = "0s"
  }
  group "g" {
    count = 1
    task "app" {
      driver = "raw_exec"
      config {
        command = "${process.execPath}"
        args    = ["${TASK}"]
      }
      kill_timeout = "2s"
    }
  }
}
`;
}

async function register(nomad: NomadClient, version: string): Promise<void> {
  const request = registerRequest(jobHcl(version), { filename: `${SERVICE}.nomad.hcl` });
  await nomad.jobs.register(request.Job, request.Submission ? { submission: request.Submission } : {});
}

export async function latestDeployment(nomad: NomadClient): Promise<Deployment | null> {
  return (await nomad.jobs.latestDeployment(SERVICE)).data;
}

/** v1 deployed and stable, then v2 registered: its canary deployment is under way (0% traffic). */
export async function deployCanary(world: World): Promise<void> {
  await register(world.nomad, "v1");
  await waitFor("v1's deployment to succeed", async () => (await latestDeployment(world.nomad))?.Status === "successful", { timeoutMs: 30_000, intervalMs: 100 });
  await register(world.nomad, "v2");
  await waitFor("v2's canary deployment", async () => (await latestDeployment(world.nomad))?.JobVersion === 1, { timeoutMs: 10_000, intervalMs: 100 });
}

export const ROUTES_BEFORE: RouteTable = {
  split: [{ version: "v1", weight: 100 }],
  override: { header: "x-forex-version" },
  timeoutMs: 1500,
  retry: { attempts: 1, budgetPercent: 10, minPerSecond: 5 },
};

export async function putRoutes(kv: ConsulKv, table: RouteTable): Promise<void> {
  if (!(await kv.put(routeKey(SERVICE), JSON.stringify(table), 0))) throw new Error("route table exists already");
}

export async function putSpec(kv: ConsulKv, overrides: Partial<RolloutSpecInput> = {}): Promise<string> {
  const id = overrides.id ?? `r-${Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, "0")}`;
  const spec: RolloutSpecInput = {
    id,
    service: SERVICE,
    job: SERVICE,
    canary: "v2",
    stable: "v1",
    steps: [10, 25, 50, 100],
    stepSeconds: 1,
    gates: { minRequests: 50 },
    createdAt: new Date().toISOString(),
    createdBy: "test",
    ...overrides,
  };
  if (!(await kv.put(rolloutSpecKey(SERVICE), JSON.stringify(spec), 0))) throw new Error("spec exists already");
  return id;
}

export async function putControl(kv: ConsulKv, id: string, command: "pause" | "resume" | "abort"): Promise<void> {
  const current = await kv.get(rolloutControlKey(SERVICE));
  const ok = await kv.put(rolloutControlKey(SERVICE), JSON.stringify({ id, command, at: new Date().toISOString() }), current?.modifyIndex ?? 0);
  if (!ok) throw new Error("control write lost a CAS race");
}

export async function readStatus(kv: ConsulKv): Promise<RolloutStatus | null> {
  const entry = await kv.get(rolloutStatusKey(SERVICE));
  if (!entry) return null;
  const parsed = parseRolloutStatus(entry.value);
  if (!parsed.ok) throw new Error(`status does not parse: ${parsed.error.message}`);
  return parsed.value;
}

export async function readRoutes(kv: ConsulKv): Promise<RouteTable | null> {
  const entry = await kv.get(routeKey(SERVICE));
  if (!entry) return null;
  const parsed = parseRouteTable(entry.value);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

export async function readHistory(kv: ConsulKv): Promise<RoutingHistory> {
  const entry = await kv.get(historyKey(SERVICE));
  if (!entry) return { entries: [] };
  const parsed = parseRoutingHistory(entry.value);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

export async function waitForStatus(kv: ConsulKv, what: string, check: (s: RolloutStatus) => boolean, timeoutMs = 30_000): Promise<RolloutStatus> {
  return waitFor(
    what,
    async () => {
      const s = await readStatus(kv);
      return s && check(s) ? s : undefined;
    },
    { timeoutMs, intervalMs: 50 },
  );
}

/** The controller as its own process, from source, against this world. */
export async function startController(t: TestContext, world: World, env: Record<string, string> = {}): Promise<RunningProcess> {
  const child = await startProcess(process.execPath, ["--import", "tsx", "--conditions=@forex-mesh/source", "src/main.ts"], {
    cwd: packageDir,
    env: {
      CONSUL_HTTP_ADDR: world.agent.consulAddr,
      NOMAD_ADDR: world.agent.nomadAddr,
      PROMETHEUS_ADDR: world.prometheus.url,
      FOREX_ROLLOUT_TICK_MS: "200",
      // The mock answers at once; a real Prometheus would need its 5 s scrape interval here.
      FOREX_ROLLOUT_SCRAPE_INTERVAL_SECONDS: "0.5",
      PORT: "0",
      ...env,
    },
    readyWhen: /rollout controller listening on/,
    readyTimeoutMs: 20_000,
  });
  t.after(() => child.stop(5_000));
  return child;
}

export const healthyFigures = { requests: 500, successRatio: 1, p99Ms: 20 };
