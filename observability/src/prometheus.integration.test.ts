/**
 * Real Prometheus, with the rendered config and the committed rules, discovers fake sidecars through
 * the bridge and MockConsul, and every recording rule yields series with the labels it promises.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { LEVELS, type Level, MESH_RECORD } from "./names.js";
import { recordedNames } from "./rules.js";
import { ALLOC, type Stack, startStack } from "./testing/stack.js";

let stack: Stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  await stack?.stop();
});

/** The label names a recording rule's series carry, from its level prefix. */
function expectedLabels(record: string): string[] {
  const [level, metric] = record.split(":") as [string, string];
  // Bucket rates keep `le` so quantiles can be taken from them.
  const le = metric.endsWith("_bucket") ? ["le"] : [];
  if (level in LEVELS) return [...LEVELS[level as Level].by, ...le].sort();
  if (level === "dst_service") return ["dst_service"];
  throw new Error(`no expectation for ${record}`);
}

async function expectSeries(expr: string, key: (m: Record<string, string>, value: string) => string, expected: string[]): Promise<void> {
  let last: string[] = [];
  await waitFor(`${expr} to have ${expected.length} series`, async () => {
    last = (await stack.query(expr)).map((s) => key(s.metric, s.value[1])).sort();
    return last.length >= expected.length || undefined;
  }).catch(() => undefined);
  assert.deepEqual(last, expected, expr);
}

test("every recording rule returns series labelled as its level promises", { timeout: 60_000 }, async () => {
  const names = recordedNames();
  const pending = new Set(names);
  await waitFor(
    `all ${names.length} recording rules to have series`,
    async () => {
      for (const name of [...pending]) if ((await stack.query(name)).length > 0) pending.delete(name);
      return pending.size === 0 || undefined;
    },
    { timeoutMs: 45_000, intervalMs: 1_000 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; still empty: ${[...pending].join(", ")}`);
  });
  for (const name of names) {
    for (const { metric } of await stack.query(name)) {
      const labels = Object.keys(metric).filter((l) => l !== "__name__").sort();
      assert.deepEqual(labels, expectedLabels(name), `${name} ${JSON.stringify(metric)}`);
    }
  }

  // Series of one record can appear an evaluation apart: wait for the full set, then compare.
  await expectSeries("service_version:proxy_requests:rate30s", (m) => `${m.service}/${m.version}`, ["forex-converter/v1", "forex-rate/v1", "forex-rate/v2"]);
  await expectSeries("edge_version:proxy_requests:success_ratio5m", (m) => `${m.service}->${m.dst_service}/${m.dst_version}`, [
    "forex-converter->forex-rate/v1",
    "forex-converter->forex-rate/v2",
  ]);
  await expectSeries(MESH_RECORD.healthyInstancesByVersion, (m, v) => `${m.service}/${m.version}=${v}`, ["forex-rate/v1=1", "forex-rate/v2=1"]);
});

test("raw sidecar series carry service, version, alloc and instance from Consul, and nothing else is scraped", { timeout: 30_000 }, async () => {
  const series = await waitFor("raw request series", async () => {
    const s = await stack.query('proxy_requests_total{direction="inbound"}');
    return s.length >= 3 ? s : undefined;
  });
  const byAlloc = new Map(series.map((s) => [s.metric.alloc, s.metric]));
  const v2 = byAlloc.get(ALLOC.rateV2);
  assert.ok(v2, `no series for the v2 alloc in ${JSON.stringify(series.map((s) => s.metric))}`);
  assert.equal(v2.service, "forex-rate");
  assert.equal(v2.version, "v2");
  assert.equal(v2.job, "forex-mesh");
  assert.equal(v2.instance, `127.0.0.1:${stack.sidecars.rateV2.port}`);
  for (const { metric } of series) {
    assert.equal(metric.exported_service, undefined, "the sidecar's own service label must not be renamed");
    assert.ok(metric.alloc && metric.version && metric.instance, JSON.stringify(metric));
  }
  const up = await stack.query('up{job="forex-mesh"}');
  assert.deepEqual(up.map((s) => s.metric.instance).sort(), [stack.sidecars.converterV1.port, stack.sidecars.rateV1.port, stack.sidecars.rateV2.port].map((p) => `127.0.0.1:${p}`).sort());
  assert.ok(stack.consul.requests.includes("/v1/health/service/legacy"), "the bridge should have listed the legacy service too");
});

test("every rule evaluates without error, and the failing canary's alert is pending", { timeout: 40_000 }, async () => {
  await assert.rejects(stack.query("sum by (service) (rate(proxy_requests_total[5m])"), /refused/, "a parse error must fail the query helper");
  const rules = (await stack.getJson("/api/v1/rules")) as { data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> } };
  const all = rules.data.groups.flatMap((g) => g.rules);
  assert.equal(all.length, recordedNames().length + 5);
  await waitFor("every rule evaluated once", async () => {
    const now = (await stack.getJson("/api/v1/rules")) as typeof rules;
    const bad = now.data.groups.flatMap((g) => g.rules).filter((r) => r.health !== "ok");
    return bad.length === 0 || undefined;
  }, { timeoutMs: 15_000, intervalMs: 500 });
  const pending = await waitFor("ForexSuccessRatioLow pending for forex-rate v2", async () => {
    const s = await stack.query('ALERTS{alertname="ForexSuccessRatioLow"}');
    return s.length > 0 ? s : undefined;
  }, { timeoutMs: 30_000, intervalMs: 1_000 });
  assert.deepEqual(pending.map((s) => `${s.metric.service}/${s.metric.version}/${s.metric.alertstate}`), ["forex-rate/v2/pending"]);
});
