import assert from "node:assert/strict";
import { test } from "node:test";
import type { AllocationListStub } from "@forex-mesh/nomad-client";
import { parseUpConfig } from "./config.js";
import { type HealthEntry, type JobShape, judgeJob, jobShape, progressLine } from "./health.js";
import { declaredVariables, endpoints, jobVariables, readyText } from "./plan.js";

const root = "/repo";

test("up flags: defaults, overrides, bad values, clashing ports", () => {
  const d = parseUpConfig([], root);
  assert.deepEqual({ ...d }, { consulPort: 8500, nomadPort: 4646, edgePort: 8080, prometheusPort: 9090, consolePort: 3000, dataDir: "/repo/.data/agent", timeoutSec: 90, build: true, repoRoot: root });
  const c = parseUpConfig(["--consul-port", "18500", "--nomad-port=14646", "-edge-port", "18080", "--data-dir", "/tmp/x", "--no-build"], root);
  assert.equal(c.consulPort, 18500);
  assert.equal(c.nomadPort, 14646);
  assert.equal(c.edgePort, 18080);
  assert.equal(c.dataDir, "/tmp/x");
  assert.equal(c.build, false);
  assert.throws(() => parseUpConfig(["--consul-port", "70000"], root), /--consul-port: /);
  assert.throws(() => parseUpConfig(["--nomad-port", "8500"], root), /--consul-port and --nomad-port are both 8500/);
  assert.throws(() => parseUpConfig(["extra"], root), /unexpected argument "extra"/);
  assert.throws(() => parseUpConfig(["--console-port", "8080"], root), /--edge-port and --console-port are both 8080/);
});

test("only declared variables are passed, and each job gets its own port", () => {
  const source = 'variable "repo" {\n}\nvariable "port" {\n  type = number\n}\n# variable "consul_addr" {\njob "x" {}\n';
  assert.deepEqual([...declaredVariables(source)], ["repo", "port"]);
  const c = parseUpConfig(["--edge-port", "18080", "--consul-port", "18500", "--prometheus-port", "19090", "--nomad-port", "14646"], root);
  assert.deepEqual(jobVariables("forex-edge", source, c), { repo: root, port: "18080" });
  assert.deepEqual(jobVariables("prometheus", source, c), { repo: root, port: "19090" });
  assert.deepEqual(jobVariables("forex-rate", source, c), { repo: root });
  assert.deepEqual(jobVariables("console", 'variable "nomad_addr" {}\nvariable "consul_addr" {}\nvariable "prometheus_addr" {}\n', c), {
    consul_addr: "http://127.0.0.1:18500",
    nomad_addr: "http://127.0.0.1:14646",
    prometheus_addr: "http://127.0.0.1:19090",
  });
});

test("URLs say which parts are not built yet", () => {
  const c = parseUpConfig([], root);
  const e = endpoints(c, ["forex-rate", "forex-edge"]);
  assert.equal(endpoints(parseUpConfig(["--prometheus-port", "19090"], root), ["prometheus"])[2]!.url, "http://127.0.0.1:19090/");
  assert.equal(endpoints(c, ["forex-edge"], ["prometheus"])[2]!.note, "not started (prometheus is not in the start list)");
  assert.deepEqual(
    e.map((x) => `${x.what} ${x.url} ${x.note ?? ""}`.trim()),
    [
      "web page http://127.0.0.1:8080/",
      "console http://127.0.0.1:3000/ not yet built (no console job)",
      "Prometheus http://127.0.0.1:9090/ not yet built (no prometheus job)",
      "Nomad API http://127.0.0.1:4646",
      "Consul API http://127.0.0.1:8500",
    ],
  );
  const text = readyText(parseUpConfig(["--nomad-port", "14646", "--consul-port", "18500"], root), ["forex-edge"], 12_345, []);
  assert.match(text, /^forex-mesh is up \(12\.3 s\)/);
  assert.match(text, /NOMAD_ADDR=http:\/\/127\.0\.0\.1:14646 pnpm forex-mesh job status/);
  assert.match(text, /-var consul_addr=http:\/\/127\.0\.0\.1:18500 -var version=v2/);
  assert.match(readyText(parseUpConfig([], root), [], 1, ["forex-web"]), /^forex-mesh is up, but not healthy: forex-web/);
});

const shape: JobShape = { name: "forex-rate", desired: 2, services: { rate: ["forex-rate"] } };
const alloc = (id: string, status: string, desired = "run"): AllocationListStub => ({ ID: id, TaskGroup: "rate", DesiredStatus: desired, ClientStatus: status });
const entry = (alloc: string, status: string): HealthEntry => ({
  Service: { ID: `_nomad-task-${alloc}-rate-forex-rate-ingress`, Service: "forex-rate" },
  Checks: [
    { Name: "serfHealth", Status: "passing", ServiceID: "" },
    { Name: "sidecar readyz", Status: status, ServiceID: `_nomad-task-${alloc}-rate-forex-rate-ingress` },
  ],
});

test("healthy needs every allocation running and every instance's checks passing", () => {
  const allocs = [alloc("a1", "running"), alloc("a2", "running"), alloc("old", "complete", "stop")];
  const h = judgeJob(shape, allocs, null, { "forex-rate": [entry("a1", "passing"), entry("a2", "passing")] });
  assert.equal(h.state, "healthy");
  assert.deepEqual([h.running, h.checksPassing, h.checksTotal], [2, 2, 2]);
  const critical = judgeJob(shape, allocs, null, { "forex-rate": [entry("a1", "passing"), entry("a2", "critical")] });
  assert.equal(critical.state, "starting");
  assert.equal(critical.reason, 'forex-rate check "sidecar readyz" critical');
  assert.deepEqual(critical.suspects, ["a2"]);
  const unregistered = judgeJob(shape, allocs, null, { "forex-rate": [entry("a1", "passing")] });
  assert.equal(unregistered.reason, "forex-rate not registered yet");
});

test("starting reasons: placement, start, failures; a failed deployment is the verdict", () => {
  assert.equal(judgeJob(shape, [alloc("a1", "pending")], null, {}).reason, "1/2 allocations placed");
  assert.equal(judgeJob(shape, [alloc("a1", "pending"), alloc("a2", "running")], null, {}).reason, "1 allocation(s) starting");
  const failed = judgeJob(shape, [alloc("a1", "failed"), alloc("a2", "running")], null, {});
  assert.equal(failed.state, "starting");
  assert.equal(failed.reason, "1 allocation(s) failed");
  assert.ok(failed.suspects.includes("a1"));
  const restarting = judgeJob(
    shape,
    [{ ...alloc("a1234567-x", "pending"), TaskStates: { app: { State: "pending", Restarts: 2, Events: [{ Type: "Terminated", DisplayMessage: "Exit Code: 3" }, { Type: "Restarting", DisplayMessage: "Restart within policy" }] } } }, alloc("a2", "running")],
    null,
    {},
  );
  assert.equal(restarting.reason, "task app of a1234567 restarted 2×: Exit Code: 3");
  const dep = judgeJob(shape, [], { Status: "failed", StatusDescription: "Failed due to unhealthy allocations" }, {});
  assert.equal(dep.state, "failed");
  assert.equal(dep.reason, "deployment failed: Failed due to unhealthy allocations");
});

test("jobShape sums counts and collects group and task services", () => {
  const s = jobShape({ ID: "j", TaskGroups: [{ Name: "a", Count: 2, Services: [{ Name: "svc-a" }], Tasks: [{ Name: "t", Services: [{ Name: "svc-t" }] }] }, { Name: "b", Count: null }] });
  assert.deepEqual(s, { name: "j", desired: 3, services: { a: ["svc-a", "svc-t"], b: [] } });
});

test("progress lines", () => {
  assert.equal(progressLine("forex-rate", undefined), "  forex-rate       submitting");
  const h = judgeJob(shape, [alloc("a1", "running"), alloc("a2", "running")], null, { "forex-rate": [entry("a1", "passing"), entry("a2", "passing")] });
  assert.equal(progressLine("forex-rate", h), "  forex-rate       running 2/2, checks 2/2 passing          ✓ healthy");
});

test("the console gets this run's password, and the URLs show it", () => {
  const c = { ...parseUpConfig([], root), consolePassword: "s3cret-pw" };
  assert.deepEqual(jobVariables("console", 'variable "password" {}\n', c), { password: "s3cret-pw" });
  assert.deepEqual(jobVariables("forex-web", 'variable "password" {}\n', c), {}, "only the console gets it");
  assert.match(readyText(c, ["console"], 1, []), /console +http:\/\/127\.0\.0\.1:3000\/ +password s3cret-pw/);
  assert.doesNotMatch(readyText(c, ["forex-edge"], 1, []), /s3cret-pw/, "no password shown for a console that did not start");
});
