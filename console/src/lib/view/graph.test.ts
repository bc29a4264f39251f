import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture } from "../../fixtures/load";
import { edgeHealth, layerOf, nodeHealth, type Sample, toGraph } from "./graph";

const samples = { rate: fixture<Sample[]>("edges-rate.json"), successRatio: fixture<Sample[]>("edges-success.json"), p99: fixture<Sample[]>("edges-p99.json") };
const services = [
  { service: "forex-edge", instances: [{ version: "edge", passing: true }] },
  { service: "forex-web", instances: [{ version: "v1", passing: true }, { version: "v1", passing: true }] },
  { service: "forex-converter", instances: [{ version: "v1", passing: true }, { version: "v1", passing: false }] },
  { service: "forex-rate", instances: [{ version: "v1", passing: true }, { version: "v1", passing: true }, { version: "v2", passing: false }] },
];

test("toGraph: a node per service and version with passing/total, layered from the edge to forex-rate", () => {
  const g = toGraph(services, samples);
  assert.deepEqual(
    g.nodes.map((n) => [n.id, `${n.passing}/${n.total}`, n.health, n.layer]),
    [
      ["forex-edge@edge", "1/1", "healthy", 0],
      ["forex-web@v1", "2/2", "healthy", 1],
      ["forex-converter@v1", "1/2", "degraded", 2],
      ["forex-rate@v1", "2/2", "healthy", 3],
      ["forex-rate@v2", "0/1", "down", 3],
    ],
  );
});

test("toGraph: edges from the callers' outbound records, joined with success ratio and p99 in ms", () => {
  const g = toGraph(services, samples);
  assert.deepEqual(
    g.edges.map((e) => e.id),
    ["forex-converter>forex-rate@v1", "forex-edge>forex-web@v1", "forex-web>forex-converter@v1", "forex-web>forex-rate@v1"],
  );
  const edge = g.edges.find((e) => e.id === "forex-edge>forex-web@v1")!;
  const p99 = Number(samples.p99.find((s) => s.metric.service === "forex-edge")!.value[1]);
  assert.equal(edge.from, "forex-edge");
  assert.equal(edge.to, "forex-web");
  assert.ok(edge.rps > 0);
  assert.equal(edge.successRatio, 1);
  assert.equal(edge.p99Ms, p99 * 1000);
  assert.equal(edge.health, "healthy");
});

test("toGraph: an edge without a success sample (NaN or missing) is idle, not healthy", () => {
  const rate: Sample[] = [{ metric: { service: "a", dst_service: "b", dst_version: "v1" }, value: [0, "0"] }];
  const g = toGraph([{ service: "a", instances: [] }], { rate, successRatio: [{ ...rate[0]!, value: [0, "NaN"] }], p99: [] });
  assert.deepEqual(g.edges.map((e) => [e.successRatio, e.p99Ms, e.health]), [[null, null, "idle"]]);
});

test("health thresholds: nodes by passing instances, edges by success ratio", () => {
  assert.equal(nodeHealth(0, 0), "down");
  assert.equal(nodeHealth(1, 2), "degraded");
  assert.equal(nodeHealth(2, 2), "healthy");
  assert.equal(edgeHealth(5, 0.995), "healthy");
  assert.equal(edgeHealth(5, 0.95), "degraded");
  assert.equal(edgeHealth(5, 0.5), "down");
  assert.equal(edgeHealth(0, 1), "idle");
});

test("layerOf: a cycle does not loop forever", () => {
  const layers = layerOf(["a", "b"], [{ from: "a", to: "b" }, { from: "b", to: "a" }]);
  assert.ok((layers.get("a") ?? 0) <= 3 && (layers.get("b") ?? 0) <= 3);
});
