import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestContext, test } from "node:test";
import { listenOn, waitFor } from "@forex-mesh/test-utils";
import { DurableStore } from "../store/durable-store.js";
import type { CheckInput, ServiceInput } from "../store/events.js";
import { CheckRunner } from "./check-runner.js";

const service = (id: string): ServiceInput => ({
  id,
  name: "svc",
  tags: [],
  address: "127.0.0.1",
  port: 1,
  meta: {},
  taggedAddresses: {},
  weights: { Passing: 1, Warning: 1 },
  enableTagOverride: false,
  kind: "",
});

async function setup(t: TestContext, options: { reapIntervalMs?: number; deregisterMinimumMs?: number } = {}) {
  let runner: CheckRunner | undefined;
  const store = await DurableStore.open({
    dataDir: await mkdtemp(join(tmpdir(), "runner-test-")),
    onApplied: (r) => {
      if (r.topics.includes("catalog:checks")) runner?.reconcile();
    },
  });
  runner = new CheckRunner({ store, now: Date.now, random: () => 0, log: () => {}, ...options });
  t.after(async () => {
    runner?.stop();
    await store.close();
  });
  const register = (id: string, check: Omit<CheckInput, "serviceId" | "name" | "notes" | "output">) =>
    store.commit({
      type: "service-register",
      service: service(id),
      checks: [{ ...check, serviceId: id, name: check.id, notes: "", output: "" }],
      replaceExistingChecks: false,
      now: Date.now(),
    });
  return { store, runner, register };
}

test("an HTTP check follows its endpoint: 200 passing, 429 warning, 500 critical", async (t) => {
  let status = 200;
  const app = createServer((_req, res) => {
    res.statusCode = status;
    res.end("body");
  });
  const base = await listenOn(app);
  t.after(() => app.close());
  const { store, register } = await setup(t);
  await register("s1", { id: "http", status: "critical", definition: { type: "http", http: `${base}/health`, method: "GET", intervalMs: 30, timeoutMs: 500 } });
  const statusOf = () => store.state.checks.get("http")?.status;
  await waitFor("passing", () => statusOf() === "passing");
  assert.match(store.state.checks.get("http")?.output ?? "", /^HTTP GET .*\/health: 200 OK Output: body/);
  status = 429;
  await waitFor("warning", () => statusOf() === "warning");
  status = 500;
  await waitFor("critical", () => statusOf() === "critical");
});

test("a TCP check passes while something listens and fails once it is gone", async (t) => {
  const server = createServer();
  const base = await listenOn(server);
  const { store, register } = await setup(t);
  await register("s1", { id: "tcp", status: "critical", definition: { type: "tcp", tcp: base.replace("http://", ""), intervalMs: 30, timeoutMs: 500 } });
  await waitFor("tcp passing", () => store.state.checks.get("tcp")?.status === "passing");
  server.close();
  await waitFor("tcp critical", () => store.state.checks.get("tcp")?.status === "critical");
});

test("a TTL check not refreshed in time turns critical with 'TTL expired'; a refresh postpones it", async (t) => {
  const { store, runner, register } = await setup(t);
  await register("s1", { id: "ttl", status: "passing", definition: { type: "ttl", ttlMs: 150 } });
  await new Promise((r) => setTimeout(r, 100));
  runner.ttlTouched("ttl");
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(store.state.checks.get("ttl")?.status, "passing", "refreshed 100 ms ago, TTL 150 ms");
  await waitFor("TTL expiry", () => store.state.checks.get("ttl")?.status === "critical", { timeoutMs: 2_000, intervalMs: 10 });
  assert.equal(store.state.checks.get("ttl")?.output, "TTL expired");
});

test("a service critical past DeregisterCriticalServiceAfter is deregistered", async (t) => {
  const { store, register } = await setup(t, { reapIntervalMs: 20, deregisterMinimumMs: 0 });
  await register("doomed", { id: "c", status: "critical", definition: { type: "ttl", ttlMs: 60_000, deregisterCriticalAfterMs: 100 } });
  await register("healthy", { id: "h", status: "passing", definition: { type: "ttl", ttlMs: 60_000, deregisterCriticalAfterMs: 100 } });
  await waitFor("the reaper", () => !store.state.services.has("doomed"), { timeoutMs: 3_000, intervalMs: 10 });
  assert.ok(store.state.services.has("healthy"));
});

test("every HTTP probe opens a connection of its own and asks to close it (no keep-alive reuse)", async (t) => {
  // The server answers only the first request of each connection and drops the socket on a later
  // one: what a probe meets on a pooled socket the peer closed while the agent was paused. With
  // keep-alive reuse the second probe fails ("other side closed") and the check turns critical.
  let connections = 0;
  let answered = 0;
  let dropped = 0;
  const closeHeaders: string[] = [];
  const app = createServer((req, res) => {
    const socket = req.socket as typeof req.socket & { served?: boolean };
    if (socket.served) {
      dropped++;
      socket.destroy();
      return;
    }
    socket.served = true;
    closeHeaders.push(String(req.headers.connection));
    answered++;
    res.end("ok");
  });
  app.on("connection", () => connections++);
  const base = await listenOn(app);
  t.after(() => app.close());
  const { store, register } = await setup(t);
  const statuses: string[] = [];
  await register("s1", { id: "http", status: "critical", definition: { type: "http", http: `${base}/readyz`, method: "GET", intervalMs: 20, timeoutMs: 500 } });
  await waitFor("six probes answered", () => {
    statuses.push(store.state.checks.get("http")?.status ?? "none");
    return answered >= 6;
  }, { timeoutMs: 5_000, intervalMs: 5 });
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(dropped, 0, "no probe was sent on a used connection");
  assert.equal(connections, answered + dropped, "one connection per probe");
  assert.ok(closeHeaders.every((h) => h === "close"), `Connection headers: ${closeHeaders.join(",")}`);
  assert.equal(store.state.checks.get("http")?.status, "passing");
  assert.ok(!statuses.slice(statuses.indexOf("passing")).includes("critical"), `never critical once passing: ${statuses.join(",")}`);
});

test("an HTTP probe is cut at the check's timeout and its connection closed", async (t) => {
  let closed = 0;
  const app = createServer((req) => {
    req.socket.on("close", () => closed++);
  });
  const base = await listenOn(app);
  t.after(() => {
    app.closeAllConnections();
    app.close();
  });
  const { store, register } = await setup(t);
  const started = Date.now();
  await register("s1", { id: "slow", status: "passing", definition: { type: "http", http: `${base}/readyz`, method: "GET", intervalMs: 10_000, timeoutMs: 200 } });
  await waitFor("critical", () => store.state.checks.get("slow")?.status === "critical", { timeoutMs: 3_000, intervalMs: 10 });
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 190 && elapsed < 1_000, `cut after ${elapsed} ms (timeout 200 ms)`);
  assert.equal(store.state.checks.get("slow")?.output, `GET "${base}/readyz": request timed out`);
  await waitFor("the server sees the probe's socket closed", () => closed === 1, { timeoutMs: 1_000, intervalMs: 10 });
});

test("an unreachable HTTP endpoint and a non-HTTP URL are critical checks, not agent errors", async (t) => {
  const server = createServer();
  const base = await listenOn(server);
  await new Promise((r) => server.close(r));
  const { store, register } = await setup(t);
  await register("s1", { id: "down", status: "passing", definition: { type: "http", http: `${base}/readyz`, method: "GET", intervalMs: 10_000, timeoutMs: 500 } });
  await register("s2", { id: "ftp", status: "passing", definition: { type: "http", http: "ftp://127.0.0.1/x", method: "GET", intervalMs: 10_000, timeoutMs: 500 } });
  await waitFor("both critical", () => store.state.checks.get("down")?.status === "critical" && store.state.checks.get("ftp")?.status === "critical", { timeoutMs: 3_000, intervalMs: 10 });
  assert.match(store.state.checks.get("down")?.output ?? "", /ECONNREFUSED/);
  assert.match(store.state.checks.get("ftp")?.output ?? "", /unsupported protocol scheme "ftp"/);
});

test("an HTTP check follows redirects (as Consul's Go client), each hop on its own connection", async (t) => {
  let connections = 0;
  const app = createServer((req, res) => {
    if (req.url === "/old") res.writeHead(302, { location: "/health" }).end();
    else if (req.url === "/loop") res.writeHead(307, { location: "/loop" }).end();
    else res.end("here");
  });
  app.on("connection", () => connections++);
  const base = await listenOn(app);
  t.after(() => app.close());
  const { store, register } = await setup(t);
  await register("s1", { id: "moved", status: "critical", definition: { type: "http", http: `${base}/old`, method: "GET", intervalMs: 10_000, timeoutMs: 1_000 } });
  await register("s2", { id: "loop", status: "passing", definition: { type: "http", http: `${base}/loop`, method: "GET", intervalMs: 10_000, timeoutMs: 1_000 } });
  await waitFor("moved passing, loop critical", () => store.state.checks.get("moved")?.status === "passing" && store.state.checks.get("loop")?.status === "critical", {
    timeoutMs: 3_000,
    intervalMs: 10,
  });
  assert.equal(store.state.checks.get("moved")?.output, `HTTP GET ${base}/old: 200 OK Output: here`);
  assert.match(store.state.checks.get("loop")?.output ?? "", /stopped after 10 redirects/);
  assert.equal(connections, 2 + 11, "one connection per request, redirects included");
});

test("a check's credentials follow a redirect on its own host, not to another host (as Go's client)", async (t) => {
  const seen: Array<{ host: string; auth: string | undefined; check: string | undefined }> = [];
  const other = createServer((req, res) => {
    seen.push({ host: "localhost", auth: req.headers.authorization, check: req.headers["x-check"] as string | undefined });
    res.end("elsewhere");
  });
  const otherBase = (await listenOn(other)).replace("127.0.0.1", "localhost");
  const app = createServer((req, res) => {
    seen.push({ host: "127.0.0.1", auth: req.headers.authorization, check: req.headers["x-check"] as string | undefined });
    if (req.url === "/start") res.writeHead(302, { location: "/same" }).end();
    else if (req.url === "/same") res.writeHead(302, { location: `${otherBase}/away` }).end();
    else res.end();
  });
  const base = await listenOn(app);
  t.after(() => {
    app.close();
    other.close();
  });
  const { store, register } = await setup(t);
  const header = { Authorization: ["Bearer secret"], "X-Check": ["yes"] };
  await register("s1", { id: "hops", status: "critical", definition: { type: "http", http: `${base}/start`, method: "GET", header, intervalMs: 10_000, timeoutMs: 1_000 } });
  await waitFor("hops passing", () => store.state.checks.get("hops")?.status === "passing", { timeoutMs: 3_000, intervalMs: 10 });
  assert.deepEqual(seen, [
    { host: "127.0.0.1", auth: "Bearer secret", check: "yes" },
    { host: "127.0.0.1", auth: "Bearer secret", check: "yes" },
    { host: "localhost", auth: undefined, check: "yes" },
  ]);
});
