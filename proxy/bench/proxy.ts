/**
 * Benchmark: requests/s, p50, p99, CPU per request and RSS for the same small upstream reached
 * directly, through one sidecar hop (egress), through two hops (egress → ingress), through nginx
 * (one worker, upstream keep-alive: the reference) and through bare node:http and undici
 * pass-throughs (the Node floors), all measured in this run on this machine. Not a test.
 *
 *   pnpm --filter @forex-mesh/proxy bench [--duration 3] [--rounds 3]
 *   node --import tsx --conditions=@forex-mesh/source bench/proxy.ts --proxy-main .bench/old/dist/main.js
 *
 * Needs `wrk` and `nginx` (Debian packages) and the built proxy and dev agent.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { freePort, type RunningProcess, startDevAgent, startProcess, waitFor } from "@forex-mesh/test-utils";
import { request } from "undici";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: { duration: { type: "string", default: "3" }, rounds: { type: "string", default: "3" }, "proxy-main": { type: "string" } },
});
// --proxy-main: another build of the proxy (e.g. an older commit's) to compare under the same load.
const PROXY_MAIN = values["proxy-main"] === undefined ? resolve(here, "../dist/main.js") : resolve(values["proxy-main"]);
const DURATION = Number(values.duration);
const ROUNDS = Number(values.rounds);
const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

for (const tool of ["wrk", "nginx"]) {
  if (spawnSync("sh", ["-c", `command -v ${tool} || test -x /usr/sbin/${tool}`]).status !== 0) {
    console.error(`bench: ${tool} is missing; install it with: apt-get install -y wrk nginx-light`);
    process.exit(2);
  }
}
if (!existsSync(PROXY_MAIN)) {
  console.error("bench: build the proxy first: pnpm --filter @forex-mesh/proxy build");
  process.exit(2);
}

const procs: RunningProcess[] = [];
let agentRef: { stop(): Promise<void> } | undefined;
async function spawnNode(args: string[], env: Record<string, string> = {}): Promise<RunningProcess> {
  const p = await startProcess(process.execPath, args, { env, readyWhen: /listening/ });
  procs.push(p);
  return p;
}

/** CPU seconds (user+system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}

interface Wrk {
  rps: number;
  p50us: number;
  p99us: number;
}
function toMicros(text: string): number {
  const m = /([\d.]+)(us|ms|s)/.exec(text)!;
  const n = Number(m[1]);
  return m[2] === "us" ? n : m[2] === "ms" ? n * 1000 : n * 1e6;
}
function runWrk(url: string, connections: number, seconds: number, host?: string): Wrk {
  const args = ["-t", connections > 1 ? "2" : "1", "-c", String(connections), "-d", `${seconds}s`, "--latency"];
  if (host) args.push("-H", `Host: ${host}`);
  const out = execFileSync("wrk", [...args, url], { encoding: "utf8" });
  if (/Non-2xx/.test(out) || /Socket errors/.test(out)) throw new Error(`wrk saw errors against ${url}:\n${out}`);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)![1]),
    p50us: toMicros(/\s50%\s+(\S+)/.exec(out)![1]!),
    p99us: toMicros(/\s99%\s+(\S+)/.exec(out)![1]!),
  };
}

interface Setup {
  name: string;
  url: string;
  host?: string;
  /** Processes whose CPU and memory are the cost of this path (the upstream for "direct"). */
  pids: number[];
}
interface Result {
  name: string;
  rps: number;
  p50us: number;
  p99us: number;
  p50at1us: number;
  cpuUsPerReq: number;
  rssIdleMb: number;
  rssLoadMb: number;
  /** TCP connections the upstream accepted during the measured 64-connection runs. */
  newUpstreamConns: number;
}

let upstreamPort = 0;
async function upstreamConnections(): Promise<number> {
  const res = await request(`http://127.0.0.1:${upstreamPort}/__connections`);
  return Number(await res.body.text()) - 1; // this request's own connection
}

async function measure(s: Setup): Promise<Result> {
  const rssIdleMb = s.pids.reduce((a, p) => a + rssMb(p), 0);
  runWrk(s.url, 64, 1, s.host); // warm-up: connections, JIT
  const runs: Result[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const conns0 = await upstreamConnections();
    const cpu0 = s.pids.reduce((a, p) => a + cpuSeconds(p), 0);
    const t0 = Date.now();
    let rssLoadMb = 0;
    const sampler = setInterval(() => {
      rssLoadMb = Math.max(rssLoadMb, s.pids.reduce((a, p) => a + rssMb(p), 0));
    }, 500);
    const load = runWrk(s.url, 64, DURATION, s.host);
    clearInterval(sampler);
    rssLoadMb = Math.max(rssLoadMb, s.pids.reduce((a, p) => a + rssMb(p), 0));
    const cpu = s.pids.reduce((a, p) => a + cpuSeconds(p), 0) - cpu0;
    const requests = load.rps * ((Date.now() - t0) / 1000);
    const newUpstreamConns = (await upstreamConnections()) - conns0;
    const one = runWrk(s.url, 1, 2, s.host);
    runs.push({ name: s.name, ...load, p50at1us: one.p50us, cpuUsPerReq: (cpu / requests) * 1e6, rssIdleMb, rssLoadMb, newUpstreamConns });
  }
  runs.sort((a, b) => a.rps - b.rps);
  return runs[Math.floor(runs.length / 2)]!;
}

async function main(): Promise<void> {
  const upPort = await freePort();
  upstreamPort = upPort;
  const upstream = await spawnNode([join(here, "servers/upstream.mjs"), String(upPort)]);
  const setups: Setup[] = [{ name: "direct (node:http upstream)", url: `http://127.0.0.1:${upPort}/rate`, pids: [upstream.child.pid!] }];

  // nginx: one worker, upstream keep-alive.
  const nginxDir = mkdtempSync(join(tmpdir(), "bench-nginx-"));
  const nginxPort = await freePort();
  writeFileSync(
    join(nginxDir, "nginx.conf"),
    `worker_processes 1; daemon off; pid ${nginxDir}/nginx.pid; error_log stderr error;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path ${nginxDir}; proxy_temp_path ${nginxDir};
  fastcgi_temp_path ${nginxDir}; uwsgi_temp_path ${nginxDir}; scgi_temp_path ${nginxDir};
  upstream up { server 127.0.0.1:${upPort}; keepalive 128; }
  server { listen 127.0.0.1:${nginxPort};
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; } } }\n`,
  );
  const nginx = await startProcess("/usr/sbin/nginx", ["-p", nginxDir, "-c", join(nginxDir, "nginx.conf"), "-e", "stderr"], {});
  procs.push(nginx);
  await waitFor("nginx", async () => (await request(`http://127.0.0.1:${nginxPort}/`)).statusCode === 200);
  const worker = execFileSync("pgrep", ["-P", String(nginx.child.pid)]).toString().trim().split("\n").map(Number);
  setups.push({ name: "nginx one hop (reference)", url: `http://127.0.0.1:${nginxPort}/rate`, pids: [nginx.child.pid!, ...worker] });

  const nodePort = await freePort();
  const nodePass = await spawnNode([join(here, "servers/node-passthrough.mjs"), String(nodePort), String(upPort)]);
  setups.push({ name: "node:http pass-through (floor)", url: `http://127.0.0.1:${nodePort}/rate`, pids: [nodePass.child.pid!] });
  const undiciPort = await freePort();
  const undiciPass = await spawnNode([join(here, "servers/undici-passthrough.mjs"), String(undiciPort), String(upPort)]);
  setups.push({ name: "undici pass-through (floor)", url: `http://127.0.0.1:${undiciPort}/rate`, pids: [undiciPass.child.pid!] });

  // The proxy, as job files run it, with Consul discovery and a routing table in force.
  const agent = await startDevAgent();
  const consul = (method: "PUT", path: string, body: unknown) =>
    request(`${agent.consulAddr}${path}`, { method, body: JSON.stringify(body) }).then((r) => r.body.text());
  agentRef = agent;
  const startSidecar = async (service: string, appPort: number, upstreamName: string | undefined, nodeFlags: string[] = []) => {
    const ports = { ingress: await freePort(), egress: await freePort(), admin: await freePort() };
    const p = await startProcess(
      process.execPath,
      [...nodeFlags, PROXY_MAIN, "--service", service, "--version", "v1", ...(upstreamName ? ["--upstream", upstreamName] : []), "--app-port", String(appPort), "--ingress-port", String(ports.ingress), "--egress-port", String(ports.egress), "--admin-port", String(ports.admin)],
      { env: { CONSUL_HTTP_ADDR: agent.consulAddr, FOREX_PROXY_LOG_LEVEL: "warn" } },
    );
    procs.push(p);
    await waitFor(`${service} sidecar ready`, async () => {
      const routes = (await (await request(`http://127.0.0.1:${ports.admin}/routes`)).body.json()) as { upstreams: Array<{ endpoints: unknown[]; revision: number }> };
      return routes.upstreams.every((u) => u.endpoints.length > 0 && u.revision > 0);
    }, { timeoutMs: 15_000 });
    return { p, ports };
  };
  const table = { split: [{ version: "v1", weight: 100 }] };
  await consul("PUT", "/v1/agent/service/register", { ID: "bench-rate", Name: "bench-rate", Port: upPort, Address: "127.0.0.1", Meta: { version: "v1" } });
  await consul("PUT", "/v1/kv/forex-mesh/routes/bench-rate", table);
  const one = await startSidecar("bench-web", upPort, "bench-rate");
  setups.push({ name: "forex-mesh sidecar, one hop (egress)", url: `http://127.0.0.1:${one.ports.egress}/rate`, host: "bench-rate", pids: [one.p.child.pid!] });
  // The same with a smaller V8 young generation (what the job files pass): less RSS under load.
  const small = await startSidecar("bench-web-semi4", upPort, "bench-rate", ["--max-semi-space-size=4"]);
  setups.push({ name: "  same, node --max-semi-space-size=4", url: `http://127.0.0.1:${small.ports.egress}/rate`, host: "bench-rate", pids: [small.p.child.pid!] });

  // Two hops: web's egress → rate instance's ingress → upstream (the rate "app").
  const rateSidecar = await startSidecar("bench-rate2", upPort, undefined);
  await consul("PUT", "/v1/agent/service/register", { ID: "bench-rate2", Name: "bench-rate2", Port: rateSidecar.ports.ingress, Address: "127.0.0.1", Meta: { version: "v1" } });
  await consul("PUT", "/v1/kv/forex-mesh/routes/bench-rate2", table);
  const webSidecar = await startSidecar("bench-web2", upPort, "bench-rate2");
  setups.push({
    name: "forex-mesh two hops (egress → ingress)",
    url: `http://127.0.0.1:${webSidecar.ports.egress}/rate`,
    host: "bench-rate2",
    pids: [webSidecar.p.child.pid!, rateSidecar.p.child.pid!],
  });

  const results: Result[] = [];
  for (const s of setups) {
    process.stderr.write(`bench: ${s.name}…\n`);
    results.push(await measure(s));
  }
  print(results);
}

function print(results: Result[]): void {
  const by = (prefix: string) => results.find((r) => r.name.startsWith(prefix))!;
  const direct = by("direct");
  const nginx = by("nginx");
  const undici = by("undici");
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`\nforex-mesh proxy benchmark — wrk, 64 connections ${DURATION} s (p50@1: 1 connection, 2 s), median of ${ROUNDS} round(s), ${new Date().toISOString()}`);
  console.log(`${"path".padEnd(40)}${pad("req/s", 9)}${pad("p50 µs", 9)}${pad("p99 µs", 9)}${pad("p50@1 µs", 10)}${pad("+p50@1", 8)}${pad("CPU µs/req", 11)}${pad("RSS idle", 10)}${pad("RSS load", 10)}${pad("×nginx", 8)}${pad("×undici", 9)}${pad("new conns", 11)}`);
  for (const r of results) {
    console.log(
      `${r.name.padEnd(40)}${pad(Math.round(r.rps), 9)}${pad(Math.round(r.p50us), 9)}${pad(Math.round(r.p99us), 9)}${pad(Math.round(r.p50at1us), 10)}` +
        `${pad(Math.round(r.p50at1us - direct.p50at1us), 8)}${pad(r.cpuUsPerReq.toFixed(1), 11)}${pad(r.rssIdleMb.toFixed(0) + " MB", 10)}${pad(r.rssLoadMb.toFixed(0) + " MB", 10)}` +
        `${pad((r.rps / nginx.rps).toFixed(2), 8)}${pad((r.rps / undici.rps).toFixed(2), 9)}${pad(r.newUpstreamConns, 11)}`,
    );
  }
  console.log("CPU and RSS are of the processes on the path (the upstream for 'direct'; both sidecars for two hops; nginx master+worker).");
  console.log("new conns: TCP connections the upstream accepted during a measured run after warm-up (direct: wrk's own 64).");
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const p of procs.reverse()) await p.stop(2_000);
    await agentRef?.stop();
    process.exit();
  });
