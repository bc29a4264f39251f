import assert from "node:assert/strict";
import { test } from "node:test";
import { refuseOtherMethods } from "./methods";

test("refuseOtherMethods: a JSON 405 for every method but the served ones, with Allow naming those", async () => {
  const handlers = refuseOtherMethods("GET", "PUT");
  assert.deepEqual(Object.keys(handlers).sort(), ["DELETE", "PATCH", "POST"]);
  const res = handlers.POST(new Request("http://console.test/api/services/forex-rate/faults", { method: "POST" }));
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "GET, PUT");
  assert.deepEqual(await res.json(), {
    error: { code: "method_not_allowed", message: "POST is not served by /api/services/forex-rate/faults; it serves GET, PUT" },
  });
});
