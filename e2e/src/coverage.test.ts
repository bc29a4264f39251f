import assert from "node:assert/strict";
import { test } from "node:test";
import { expectedKeys, missingKeys } from "./coverage.js";

test("a record's level says which services or edges it must cover", () => {
  assert.deepEqual(expectedKeys("service:proxy_requests:rate30s"), ["service=forex-web", "service=forex-converter", "service=forex-rate"]);
  assert.equal(expectedKeys("service:up:sum")?.length, 4);
  assert.equal(expectedKeys("edge_version:proxy_requests:rate5m")?.length, 4);
  assert.deepEqual(expectedKeys("dst_service:proxy_route_revision:max")?.[0], "dst_service=forex-web");
  assert.equal(expectedKeys("instance:foo:bar"), undefined);
});

test("missingKeys names what no series covers, and a version level needs a version", () => {
  const all = [
    { service: "forex-web", version: "v1" },
    { service: "forex-converter", version: "v1" },
    { service: "forex-rate", version: "" },
  ];
  assert.deepEqual(missingKeys("service:proxy_requests:rate30s", all), []);
  assert.deepEqual(missingKeys("service_version:proxy_requests:rate30s", all), ["service=forex-rate"]);
  assert.deepEqual(missingKeys("edge:proxy_requests:rate30s", [{ service: "forex-edge", dst_service: "forex-web" }]), [
    "service=forex-web,dst_service=forex-converter",
    "service=forex-web,dst_service=forex-rate",
    "service=forex-converter,dst_service=forex-rate",
  ]);
  assert.deepEqual(missingKeys("weird:x", []), ["unknown level of weird:x"]);
});
