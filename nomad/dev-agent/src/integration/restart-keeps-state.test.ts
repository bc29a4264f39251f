/**
 * A clean restart (SIGTERM, final snapshot) keeps services, check statuses and KV, and the index
 * keeps moving up from where it was, so watchers holding an old index are not confused.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { agentWithClient } from "./helpers.js";

async function indexOf(url: string): Promise<number> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return Number(response.headers.get("x-consul-index"));
}

test("SIGTERM and start again: state and index survive", async (t) => {
  const { agent, consul } = await agentWithClient();
  t.after(() => agent.stop());
  await consul.kv.set("forex-mesh/routes/forex-rate", '{"split":[{"version":"v1","weight":100}]}');
  await consul.agent.service.register({ name: "forex-rate", id: "forex-rate-1", port: 4100, meta: { version: "v1" }, check: { name: "alive", ttl: "10m", timeout: "1s" } });
  await consul.agent.check.pass({ id: "service:forex-rate-1", note: "warmed up" });
  const before = await indexOf(`${agent.consulAddr}/v1/health/service/forex-rate`);

  await agent.restart();
  assert.match(agent.process.output(), /consul api listening on/);

  const value = (await consul.kv.get("forex-mesh/routes/forex-rate")) as { Value: string };
  assert.equal(value.Value, '{"split":[{"version":"v1","weight":100}]}');
  const entries = (await consul.health.service({ service: "forex-rate", passing: true })) as {
    Service: { Meta: Record<string, string> };
    Checks: { CheckID: string; Output: string }[];
  }[];
  assert.equal(entries.length, 1, "still registered and still passing");
  assert.equal(entries[0]?.Service.Meta["version"], "v1");
  assert.equal(entries[0]?.Checks.find((c) => c.CheckID === "service:forex-rate-1")?.Output, "warmed up");
  assert.equal(await indexOf(`${agent.consulAddr}/v1/health/service/forex-rate`), before);

  await consul.kv.set("after-restart", "x");
  assert.ok((await indexOf(`${agent.consulAddr}/v1/kv/after-restart`)) > before, "the index moves on from before the restart");
});
