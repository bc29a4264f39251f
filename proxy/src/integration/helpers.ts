/**
 * @module Integration-test helpers: the real dev agent (spawned from its build by test-utils, never
 * imported), upstream server processes, and proxies run as processes from this package's build,
 * exactly as a job file runs them. Consul is spoken to over its HTTP API.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type DevAgent, freePort, type RunningProcess, startDevAgent, startProcess, waitFor } from "@forex-mesh/test-utils";
import { request } from "undici";
import { client } from "../test/client.js";
import { startUpstream } from "../test/harness.js";

const PROXY_MAIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/main.js");

export async function consul(agent: DevAgent, method: "GET" | "PUT" | "DELETE", path: string, body?: string | object) {
  const res = await request(`${agent.consulAddr}${path}`, {
    method,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    dispatcher: client,
  });
  const text = await res.body.text();
  if (res.statusCode >= 400 && res.statusCode !== 404) throw new Error(`Consul ${method} ${path}: ${res.statusCode} ${text}`);
  return { status: res.statusCode, text, index: Number(res.headers["x-consul-index"]) };
}

export interface Registration {
  id: string;
  name: string;
  port: number;
  version: string;
  canary?: boolean;
  /** Health path on the same port, checked every second. */
  checkPath?: string;
}

/** Registers an instance the way Nomad does: tags, Meta.version, an HTTP check (passing at first). */
export async function register(agent: DevAgent, r: Registration): Promise<void> {
  await consul(agent, "PUT", "/v1/agent/service/register", {
    ID: r.id,
    Name: r.name,
    Tags: r.canary ? ["canary"] : [],
    Address: "127.0.0.1",
    Port: r.port,
    Meta: { version: r.version },
    Check: { HTTP: `http://127.0.0.1:${r.port}${r.checkPath ?? "/health"}`, Interval: "1s", Timeout: "1s", Status: "passing" },
  });
}

/** Writes the routing table of `service`; returns the KV ModifyIndex (the revision). */
export async function putRoutes(agent: DevAgent, service: string, value: string | object): Promise<number> {
  const key = `forex-mesh/routes/${service}`;
  await consul(agent, "PUT", `/v1/kv/${key}`, value);
  const read = await consul(agent, "GET", `/v1/kv/${key}`);
  return JSON.parse(read.text)[0].ModifyIndex as number;
}

/** Writes the fault table of `service` (text as is, an object as JSON); returns the KV ModifyIndex. */
export async function putFaults(agent: DevAgent, service: string, value: string | object): Promise<number> {
  const key = `forex-mesh/faults/${service}`;
  await consul(agent, "PUT", `/v1/kv/${key}`, value);
  const read = await consul(agent, "GET", `/v1/kv/${key}`);
  return JSON.parse(read.text)[0].ModifyIndex as number;
}

export interface FaultsView {
  revision: number;
  table: { faults: Array<{ version: string; latencyMs: number; errorRatio: number; expiresAt: string }> } | null;
  active: { version: string; latencyMs: number; errorRatio: number; expiresAt: string } | null;
  lastConfigError: { revision: number; message: string } | null;
}

export interface ProxyProcess {
  process: RunningProcess;
  ports: { ingress: number; egress: number; admin: number; public: number };
  url(listener: "ingress" | "egress" | "admin" | "public"): string;
  routes(): Promise<RoutesView>;
  faults(): Promise<FaultsView>;
}

export interface RoutesView {
  upstreams: Array<{
    service: string;
    revision: number;
    staleSeconds: number;
    lastConfigError: { revision: number; message: string } | null;
    endpoints: Array<{ id: string; version: string; ejected: boolean }>;
  }>;
}

/** Runs `node proxy/dist/main.js …` with free ports; resolves when it listens. */
export async function startProxyProcess(agent: DevAgent, args: string[]): Promise<ProxyProcess> {
  if (!existsSync(PROXY_MAIN)) throw new Error(`${PROXY_MAIN} is missing: run \`pnpm --filter @forex-mesh/proxy build\` first`);
  const ports = { ingress: await freePort(), egress: await freePort(), admin: await freePort(), public: await freePort() };
  const edge = args.includes("edge");
  const portArgs = edge
    ? ["--public-port", String(ports.public), "--public-bind", "127.0.0.1", "--admin-port", String(ports.admin)]
    : ["--ingress-port", String(ports.ingress), "--egress-port", String(ports.egress), "--admin-port", String(ports.admin)];
  const process = await startProcess(globalThis.process.execPath, [PROXY_MAIN, ...portArgs, "--watch-wait", "10", ...args], {
    env: { CONSUL_HTTP_ADDR: agent.consulAddr, FOREX_PROXY_LOG_LEVEL: "warn" },
  });
  const url = (listener: keyof typeof ports) => `http://127.0.0.1:${ports[listener]}`;
  await waitFor(
    "proxy admin listening",
    async () => {
      if (process.child.exitCode !== null) throw new Error(`the proxy exited (${process.child.exitCode}):\n${process.output()}`);
      return (await request(`${url("admin")}/healthz`, { dispatcher: client })).statusCode === 200;
    },
    { timeoutMs: 15_000 },
  );
  return {
    process,
    ports,
    url,
    routes: async () => (await (await request(`${url("admin")}/routes`, { dispatcher: client })).body.json()) as RoutesView,
    faults: async () => (await (await request(`${url("admin")}/faults`, { dispatcher: client })).body.json()) as FaultsView,
  };
}

/** A tiny upstream as its own process (so it can be killed with -9): answers its version as JSON. */
export async function startUpstreamProcess(version: string): Promise<{ port: number; process: RunningProcess }> {
  const port = await freePort();
  const code = `
    const http = require("node:http");
    const server = http.createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-served-by": ${JSON.stringify(version)} });
      res.end(JSON.stringify({ version: ${JSON.stringify(version)}, path: req.url }));
    });
    server.keepAliveTimeout = 65000;
    server.listen(${port}, "127.0.0.1", () => console.log("listening"));`;
  const process = await startProcess(globalThis.process.execPath, ["-e", code], { readyWhen: /listening/ });
  return { port, process };
}

export const upstreamOf = (view: RoutesView, service: string) => {
  const u = view.upstreams.find((x) => x.service === service);
  if (u === undefined) throw new Error(`no upstream ${service} in /routes`);
  return u;
};

/**
 * The fault tests' set-up: a dev agent, an app answering as forex-rate v2 and its sidecar (ingress
 * faults apply to its own version), all stopped when the test ends.
 */
export async function startFaultySidecar(t: { after(fn: () => Promise<void>): void }): Promise<{ agent: DevAgent; proxy: ProxyProcess }> {
  const agent = await startDevAgent();
  const app = await startUpstream("v2");
  let proxy: ProxyProcess | undefined;
  t.after(async () => {
    await proxy?.process.stop();
    await agent.stop();
    await app.close();
  });
  proxy = await startProxyProcess(agent, ["--service", "forex-rate", "--version", "v2", "--app-port", String(app.port)]);
  return { agent, proxy };
}
