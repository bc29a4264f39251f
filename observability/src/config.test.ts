import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import { RULES_DIR, renderPrometheusYaml } from "./artefacts.js";
import { parseRenderEnv } from "./env.js";

type Config = { rule_files: string[]; global: Record<string, string>; scrape_configs: Array<Record<string, unknown>> };

test("rule_files points at this package's rules: relative in the package, absolute elsewhere", () => {
  const env = parseRenderEnv({});
  const inPackage = parse(renderPrometheusYaml(env, new URL("../prometheus.yml", import.meta.url).pathname)) as Config;
  assert.deepEqual(inPackage.rule_files, ["rules/*.rules.yml"]);
  const elsewhere = parse(renderPrometheusYaml(env, "/tmp/alloc/local/prometheus.yml")) as Config;
  assert.equal(elsewhere.rule_files[0], `${RULES_DIR}/*.rules.yml`);
});

test("scrape and evaluation every 5 s; the agent's own metrics job only when asked, with its token", () => {
  const plain = parse(renderPrometheusYaml(parseRenderEnv({}), "/tmp/p.yml")) as Config;
  assert.deepEqual(plain.global, { scrape_interval: "5s", evaluation_interval: "5s" });
  assert.deepEqual(plain.scrape_configs.map((c) => c.job_name), ["forex-mesh"]);
  const withAgent = parse(
    renderPrometheusYaml(parseRenderEnv({ FOREX_PROMETHEUS_AGENT_METRICS: "true", CONSUL_HTTP_ADDR: "https://10.1.1.1:8501", CONSUL_HTTP_TOKEN: "t0k" }), "/tmp/p.yml"),
  ) as Config;
  const agent = withAgent.scrape_configs[1]!;
  assert.equal(agent.job_name, "consul-agent");
  assert.equal(agent.scheme, "https");
  assert.deepEqual(agent.static_configs, [{ targets: ["10.1.1.1:8501"] }]);
  assert.deepEqual(agent.authorization, { credentials: "t0k" });
});
