import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture } from "../../fixtures/load";
import { type Sample, toGraph } from "./graph";
import { COL_W, DETOUR_H, GAP_X, GAP_Y, layout, PAD } from "./layout";

const samples = { rate: fixture<Sample[]>("edges-rate.json"), successRatio: fixture<Sample[]>("edges-success.json"), p99: fixture<Sample[]>("edges-p99.json") };
const one = (service: string, versions: string[]) => ({ service, instances: versions.map((version) => ({ version, passing: true })) });

test("layout: one column per layer, a row per version, room below for the edge that skips a column", () => {
  const graph = toGraph([one("forex-edge", ["edge"]), one("forex-web", ["v1"]), one("forex-converter", ["v1"]), one("forex-rate", ["v1", "v2"])], samples);
  const { boxes, width, height, detourY } = layout(graph);
  assert.deepEqual(
    boxes.map((b) => [b.service, b.x, b.versions.length]),
    [
      ["forex-edge", PAD, 1],
      ["forex-web", PAD + COL_W + GAP_X, 1],
      ["forex-converter", PAD + 2 * (COL_W + GAP_X), 1],
      ["forex-rate", PAD + 3 * (COL_W + GAP_X), 2],
    ],
  );
  assert.equal(width, 2 * PAD + 4 * COL_W + 3 * GAP_X);
  const tallest = Math.max(...boxes.map((b) => b.y + b.h));
  assert.ok(detourY > tallest, "the detour runs under every box");
  assert.ok(height >= tallest + DETOUR_H);
});

test("layout: without skipping edges there is no detour room", () => {
  const rate: Sample[] = [{ metric: { service: "a", dst_service: "b", dst_version: "v1" }, value: [0, "1"] }];
  const { boxes, height } = layout(toGraph([one("a", ["v1"]), one("b", ["v1"])], { rate, successRatio: [], p99: [] }));
  assert.equal(height, Math.max(...boxes.map((b) => b.y + b.h)) + GAP_Y);
});
