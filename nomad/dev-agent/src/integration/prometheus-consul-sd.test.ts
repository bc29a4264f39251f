/**
 * Real Prometheus (the Debian `prometheus` package) discovering targets through consul_sd_configs
 * pointed at the dev agent: it must decode agent/self, catalog/services and health/service exactly
 * as from Consul, label the targets with `__meta_consul_*`, and drop a deregistered instance.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { freePort, startProcess, waitFor } from "@forex-mesh/test-utils";
import { agentWithClient } from "./helpers.js";

interface Target {
  discoveredLabels: Record<string, string>;
  labels: Record<string, string>;
}

const SETUP_HINT =
  "run scripts/setup-system.sh (Prometheus with Consul SD: Debian's package is built without it, so " +
  "nomad/dev-agent/scripts/build-prometheus.sh builds one from its Go module)";

/**
 * The Prometheus to test against: $PROMETHEUS_BIN, else the one build-prometheus.sh makes, else
 * `prometheus` on PATH. Missing is a failure with the fix, never a skip.
 */
function prometheusBinary(): string {
  const candidates = [
    process.env["PROMETHEUS_BIN"],
    join(process.env["FOREX_TOOLS_DIR"] ?? join(homedir(), ".cache/forex-mesh/tools"), "prometheus-2.54.1/prometheus"),
    spawnSync("sh", ["-c", "command -v prometheus"], { encoding: "utf8" }).stdout.trim(),
  ];
  const found = candidates.find((c) => c !== undefined && c !== "" && existsSync(c));
  if (found === undefined) throw new Error(`prometheus is not installed: ${SETUP_HINT}`);
  return found;
}

test("Prometheus consul_sd lists registered instances with __meta_consul_* labels and drops a deregistered one", async (t) => {
  const binary = prometheusBinary();
  const { agent, consul } = await agentWithClient();
  t.after(() => agent.stop());

  await consul.agent.service.register({ name: "forex-rate", id: "forex-rate-1", address: "127.0.0.1", port: 20001, tags: ["v1", "http"], meta: { version: "v1" }, check: { name: "alive", ttl: "10m", timeout: "1s", status: "passing" } });
  await consul.agent.service.register({ name: "forex-rate", id: "forex-rate-2", address: "127.0.0.1", port: 20002, tags: ["v2", "canary"], meta: { version: "v2" }, check: { name: "alive", ttl: "10m", timeout: "1s" } });

  const dir = await mkdtemp(join(tmpdir(), "prom-sd-"));
  const port = await freePort();
  await writeFile(
    join(dir, "prometheus.yml"),
    [
      "global:",
      "  scrape_interval: 1h",
      "scrape_configs:",
      "  - job_name: mesh",
      "    consul_sd_configs:",
      `      - server: ${agent.consulHostPort}`,
      "        refresh_interval: 1s",
      "",
    ].join("\n"),
  );
  const prometheus = await startProcess(
    binary,
    [`--config.file=${join(dir, "prometheus.yml")}`, `--web.listen-address=127.0.0.1:${port}`, `--storage.tsdb.path=${join(dir, "data")}`],
    { readyWhen: /Server is ready to receive web requests/, readyTimeoutMs: 30_000 },
  ).catch((error: Error) => {
    if (/consul_sd_configs not found/.test(error.message)) throw new Error(`${binary} has no Consul service discovery: ${SETUP_HINT}`);
    throw error;
  });
  t.after(() => prometheus.stop());

  const targets = async (): Promise<Target[]> => {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/targets?state=active`);
    const body = (await response.json()) as { data: { activeTargets: Target[] } };
    return body.data.activeTargets.filter((x) => x.discoveredLabels["__meta_consul_service"] === "forex-rate");
  };
  const byId = (list: Target[]): Map<string, Record<string, string>> =>
    new Map(list.map((x) => [x.discoveredLabels["__meta_consul_service_id"] ?? "", x.discoveredLabels]));

  const both = await waitFor("Prometheus to discover both instances", async () => {
    const found = byId(await targets());
    return found.size === 2 ? found : undefined;
  }, { timeoutMs: 30_000, intervalMs: 250 });

  const one = both.get("forex-rate-1");
  assert.ok(one, `forex-rate-1 discovered; got ${[...both.keys()].join(", ")}`);
  assert.equal(one["__address__"], "127.0.0.1:20001");
  assert.equal(one["__meta_consul_address"], "127.0.0.1");
  assert.equal(one["__meta_consul_dc"], "dc1");
  assert.equal(one["__meta_consul_node"], "dev");
  assert.equal(one["__meta_consul_service_address"], "127.0.0.1");
  assert.equal(one["__meta_consul_service_port"], "20001");
  assert.equal(one["__meta_consul_tags"], ",v1,http,");
  assert.equal(one["__meta_consul_health"], "passing");
  assert.equal(one["__meta_consul_service_metadata_version"], "v1");
  assert.equal(one["__meta_consul_tagged_address_lan"], "127.0.0.1");
  assert.equal(both.get("forex-rate-2")?.["__meta_consul_health"], "critical", "a check registered without a status starts critical");

  await consul.agent.service.deregister("forex-rate-2");
  await waitFor("Prometheus to drop the deregistered instance", async () => {
    const ids = [...byId(await targets()).keys()];
    return ids.length === 1 && ids[0] === "forex-rate-1";
  }, { timeoutMs: 30_000, intervalMs: 250 });
});
