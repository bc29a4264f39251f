import assert from "node:assert/strict";
import { test } from "node:test";
import { canHaveData } from "./mesh.js";

test("an edge query on the caller side has no data for a service that calls nothing", () => {
  assert.equal(canHaveData('edge_version:proxy_requests:rate30s{service="forex-rate"}'), false);
  assert.equal(canHaveData('edge:proxy_retries:rate5m{service="forex-rate"}'), false);
  assert.equal(canHaveData('edge_version:proxy_requests:rate30s{service="forex-web"}'), true);
  assert.equal(canHaveData('edge_version:proxy_requests:rate30s{dst_service="forex-rate"}'), true);
  assert.equal(canHaveData('service_version:proxy_requests:rate30s{service="forex-rate"}'), true);
  assert.equal(canHaveData("sum(edge:proxy_requests:rate30s)"), true);
});
