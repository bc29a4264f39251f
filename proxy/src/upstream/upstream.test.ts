import assert from "node:assert/strict";
import { test } from "node:test";
import { Registry } from "../deps.js";
import { createLogger } from "../log.js";
import { ProxyMetrics } from "../metrics.js";
import { Upstream } from "./upstream.js";

function make() {
  const lines: string[] = [];
  const registry = new Registry();
  const upstream = new Upstream("forex-rate", new ProxyMetrics(registry, "forex-web"), createLogger("info", {}, (l) => lines.push(l)));
  return { upstream, registry, lines };
}
const v = (id: string, version: string, canary = false) => ({ id, address: "127.0.0.1", port: 1000 + id.charCodeAt(0), version, canary });

test("an invalid table is refused, logged and counted; the last good one stays", async () => {
  const { upstream, registry, lines } = make();
  upstream.applyKey({ value: '{"split":[{"version":"v1","weight":100}]}', modifyIndex: 5 });
  const before = upstream.snapshot;
  upstream.applyKey({ value: '{"split":[{"version":"v1","weight":150}]}', modifyIndex: 6 });
  assert.equal(upstream.snapshot, before, "the snapshot changed");
  assert.equal(upstream.revision, 5);
  assert.deepEqual(upstream.lastConfigError, { revision: 6, message: "split.0.weight: must be 100 or less; split: weights sum to 150; they must sum to 100" });
  assert.match(lines.at(-1)!, /"level":"error".*routing table refused.*"revision":6.*"in_force":5/);
  const text = await registry.metrics();
  assert.match(text, /proxy_route_config_errors_total\{service="forex-web",dst_service="forex-rate",document="routes"\} 1/);
  assert.match(text, /proxy_route_revision\{service="forex-web",dst_service="forex-rate"\} 5/);
  upstream.applyKey(null);
  assert.equal(upstream.table, null);
  assert.equal(upstream.revision, 0);
});

test("snapshots group by version, keep canaries out of the stable set, and report the effective split", async () => {
  const { upstream, registry } = make();
  upstream.applyInstances([v("a", "v1"), v("b", "v1"), v("c", "v2", true)]);
  assert.deepEqual(upstream.snapshot.stable.map((e) => e.instance.id), ["a", "b"]);
  assert.deepEqual([...upstream.snapshot.byVersion.keys()], ["v1", "v2"]);
  upstream.applyKey({ value: '{"split":[{"version":"v1","weight":70},{"version":"v2","weight":20},{"version":"v3","weight":10}]}', modifyIndex: 3 });
  assert.deepEqual(upstream.snapshot.effective, [
    { version: "v1", weight: 78 },
    { version: "v2", weight: 22 },
  ]);
  const text = await registry.metrics();
  assert.match(text, /proxy_route_effective_weight\{[^}]*dst_version="v2"\} 22/);
  assert.match(text, /proxy_healthy_endpoints\{[^}]*dst_version="v1"\} 2/);
  upstream.close();
});

test("promotion (same instance, canary tag gone) keeps the endpoint and its pool", () => {
  const { upstream } = make();
  upstream.applyInstances([v("c", "v2", true)]);
  const endpoint = upstream.endpoints()[0]!;
  upstream.applyInstances([v("c", "v2", false)]);
  assert.equal(upstream.endpoints()[0], endpoint);
  assert.equal(endpoint.instance.canary, false);
  assert.deepEqual(upstream.snapshot.stable, [endpoint]);
  upstream.close();
});

test("a version that disappears stops being reported", async () => {
  const { upstream, registry } = make();
  upstream.applyInstances([v("a", "v1"), v("c", "v2")]);
  upstream.applyInstances([v("a", "v1")]);
  const text = await registry.metrics();
  assert.doesNotMatch(text, /proxy_healthy_endpoints\{[^}]*dst_version="v2"\}/);
  upstream.close();
});
