import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { canonicalizeJob, isDestructiveUpdate, type Job, parseJobspec } from "@forex-mesh/jobspec";
import { jobFile } from "./index.js";

const repo = "/srv/forex-mesh";
const services = [
  { job: "forex-rate", upstreams: [] as string[] },
  { job: "forex-converter", upstreams: ["forex-rate"] },
  { job: "forex-web", upstreams: ["forex-converter", "forex-rate"] },
];

function load(name: string, variables: Record<string, string> = {}): Job {
  const source = readFileSync(jobFile(name), "utf8");
  return canonicalizeJob(parseJobspec(source, { filename: `${name}.nomad.hcl`, variables: { repo, ...variables } }));
}

for (const { job: name, upstreams } of services) {
  test(`${name}: app plus prestart sidecar, registered on ingress with version meta and a readyz check`, () => {
    const job = load(name);
    assert.equal(job.ID, name);
    assert.deepEqual(job.Meta, { version: "v1" });
    const [group] = job.TaskGroups ?? [];
    assert.ok(group);
    assert.equal(group.Count, 2);
    assert.equal(group.Update?.Canary, 2, "a new version starts as many canaries as there are instances");
    assert.equal(group.Update?.AutoRevert, true);
    assert.equal(group.Update?.AutoPromote, false);
    const ports = (group.Networks?.[0]?.DynamicPorts ?? []).map((p) => p.Label).sort();
    assert.deepEqual(ports, ["admin", "app", "egress", "ingress"]);

    const [service] = group.Services ?? [];
    assert.equal(service?.Name, name);
    assert.equal(service?.PortLabel, "ingress");
    assert.ok(service?.CanaryTags?.includes("canary"), "canaries are tagged so sidecars keep them at 0% by default");
    assert.deepEqual(service?.Meta, {
      version: "${NOMAD_META_version}",
      metrics_port: "${NOMAD_PORT_admin}",
      alloc_id: "${NOMAD_ALLOC_ID}",
    });
    const [check] = service?.Checks ?? [];
    assert.equal(check?.Type, "http");
    assert.equal(check?.PortLabel, "admin");
    assert.equal(check?.Path, "/readyz");

    const sidecar = group.Tasks?.find((t) => t.Name === "sidecar");
    const app = group.Tasks?.find((t) => t.Name === "app");
    assert.deepEqual(sidecar?.Lifecycle, { Hook: "prestart", Sidecar: true });
    const sidecarArgs = sidecar?.Config?.args as string[];
    // A small young generation keeps a sidecar under 100 MB at 64 connections (proxy/README.md).
    assert.deepEqual(sidecarArgs.slice(0, 3), ["--max-semi-space-size=4", "--max-old-space-size=48", `${repo}/proxy/dist/main.js`]);
    // --access-log: one line per request on stderr, so a trace id finds every hop (proxy/README.md).
    assert.deepEqual(sidecarArgs.slice(3, 8), ["--mode", "sidecar", "--access-log", "--service", name]);
    assert.deepEqual(sidecarArgs.slice(8), upstreams.length > 0 ? ["--upstream", upstreams.join(",")] : []);
    assert.equal(app?.Env?.FOREX_VERSION, "${NOMAD_META_version}");
    assert.equal(app?.Env?.PORT, "${NOMAD_PORT_app}");
    for (const upstream of upstreams) {
      const key = upstream === "forex-rate" ? "FOREX_RATE" : "FOREX_CONVERTER";
      assert.equal(app?.Env?.[`${key}_URL`], "http://127.0.0.1:${NOMAD_PORT_egress}", `${upstream} is called through the egress`);
      assert.equal(app?.Env?.[`${key}_HOST`], upstream);
    }
  });

  test(`${name}: a new version is one variable and a destructive update (so Nomad places canaries)`, () => {
    const v1 = load(name);
    const v2 = load(name, { version: "v2" });
    assert.deepEqual(v2.Meta, { version: "v2" });
    assert.ok(isDestructiveUpdate(v1.TaskGroups![0]!, v2.TaskGroups![0]!, { oldJob: v1, newJob: v2 }));
    const v1Again = load(name);
    assert.equal(isDestructiveUpdate(v1.TaskGroups![0]!, v1Again.TaskGroups![0]!, { oldJob: v1, newJob: v1Again }), false);
  });
}

test("forex-edge: the proxy in edge mode on static port 8080 in front of forex-web, honouring overrides", () => {
  const job = load("forex-edge");
  const [group] = job.TaskGroups ?? [];
  assert.deepEqual(group?.Networks?.[0]?.ReservedPorts?.map((p) => [p.Label, p.Value]), [["public", 8080]]);
  assert.deepEqual(group?.Networks?.[0]?.DynamicPorts?.map((p) => p.Label), ["admin"]);
  const args = group?.Tasks?.[0]?.Config?.args as string[];
  assert.deepEqual(args.slice(3, 9), ["--mode", "edge", "--service", "forex-edge", "--upstream", "forex-web"]);
  assert.ok(args.includes("--allow-override"));
  assert.ok(args.includes("--access-log"));
  assert.equal(group?.Services?.[0]?.Name, "forex-edge");
  assert.equal(group?.Services?.[0]?.Meta?.metrics_port, "${NOMAD_PORT_admin}");
});

test("a job file without the repo variable says which variable is missing", () => {
  const source = readFileSync(jobFile("forex-rate"), "utf8");
  assert.throws(() => parseJobspec(source, { filename: "forex-rate.nomad.hcl" }), /repo/);
});

test("prometheus: Debian's prometheus behind the Consul HTTP-SD bridge, on static port 9090", () => {
  const job = load("prometheus");
  const [group] = job.TaskGroups ?? [];
  assert.deepEqual(group?.Networks?.[0]?.ReservedPorts?.map((p) => [p.Label, p.Value]), [["http", 9090]]);
  const bridge = group?.Tasks?.find((t) => t.Name === "consul-sd");
  assert.deepEqual(bridge?.Lifecycle, { Hook: "prestart", Sidecar: true });
  assert.deepEqual(bridge?.Config?.args, [`${repo}/observability/dist/main.js`]);
  const prometheus = group?.Tasks?.find((t) => t.Name === "prometheus");
  assert.equal(prometheus?.Env?.FOREX_PROMETHEUS_SD_URL, "http://127.0.0.1:${NOMAD_PORT_sd}/v1/targets");
  assert.equal(prometheus?.Env?.FOREX_REPO, repo);
  assert.match(((prometheus?.Config?.args ?? []) as string[])[1] ?? "", /exec "\$FOREX_PROMETHEUS" --config\.file=/);
  assert.equal(group?.Services?.[0]?.Checks?.[0]?.Path, "/-/ready");
});

test("console: next start on the built console, static port 3000, the APIs' addresses and the password from variables", () => {
  const job = load("console", { password: "s3cret-pass" });
  assert.equal(job.ID, "console");
  const [group] = job.TaskGroups ?? [];
  assert.deepEqual(group?.Networks?.[0]?.ReservedPorts?.map((p) => [p.Label, p.Value]), [["http", 3000]]);
  const task = group?.Tasks?.[0];
  assert.deepEqual(task?.Config?.args, [`${repo}/console/node_modules/next/dist/bin/next`, "start", `${repo}/console`, "--hostname", "127.0.0.1", "--port", "${NOMAD_PORT_http}"]);
  assert.equal(task?.Env?.PORT, "${NOMAD_PORT_http}");
  assert.equal(task?.Env?.NOMAD_ADDR, "http://127.0.0.1:4646");
  assert.equal(task?.Env?.CONSUL_HTTP_ADDR, "http://127.0.0.1:8500");
  assert.equal(task?.Env?.PROMETHEUS_ADDR, "http://127.0.0.1:9090");
  assert.equal(task?.Env?.FOREX_CONSOLE_PASSWORD, "s3cret-pass");
  // Not tagged forex-mesh: the console is a tool, so it stays off the topology it draws.
  assert.equal(group?.Services?.[0]?.Name, "forex-console");
  assert.deepEqual(group?.Services?.[0]?.Tags, ["console"]);
  assert.equal(group?.Services?.[0]?.Checks?.[0]?.Path, "/login");
  assert.equal(load("console").TaskGroups?.[0]?.Tasks?.[0]?.Env?.FOREX_CONSOLE_PASSWORD, "", "empty by default: the console generates one");
});
