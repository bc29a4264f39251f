import assert from "node:assert/strict";
import { test } from "node:test";
import { apply } from "../store/apply.js";
import { emptyState } from "../store/types.js";
import { httpStatusToCheck, redirectHeaders, servicesToReap } from "./check-rules.js";

test("HTTP status mapping: 2xx passing, 429 warning, the rest critical", () => {
  assert.deepEqual([200, 204, 429, 301, 404, 500].map(httpStatusToCheck), ["passing", "passing", "warning", "critical", "critical", "critical"]);
});

test("a service is reaped once its check was critical for DeregisterCriticalServiceAfter, never below the minimum", () => {
  const state = emptyState();
  apply(state, {
    type: "service-register",
    service: { id: "w1", name: "w", tags: [], address: "", port: 1, meta: {}, taggedAddresses: {}, weights: { Passing: 1, Warning: 1 }, enableTagOverride: false, kind: "" },
    checks: [{ id: "c", name: "c", serviceId: "w1", status: "critical", notes: "", output: "", definition: { type: "ttl", ttlMs: 1, deregisterCriticalAfterMs: 10_000 } }],
    replaceExistingChecks: false,
    now: 1_000,
  });
  assert.deepEqual(servicesToReap(state, 10_999, 0), []);
  assert.deepEqual(servicesToReap(state, 11_000, 0), ["w1"]);
  assert.deepEqual(servicesToReap(state, 11_000, 60_000), [], "the 1 minute floor applies");
  apply(state, { type: "check-update", id: "c", status: "passing", output: "", now: 11_000 });
  assert.deepEqual(servicesToReap(state, 500_000, 0), []);
});

test("a redirect keeps the check's headers on its host and subdomains; elsewhere its credentials are dropped", () => {
  const headers = { Authorization: "Bearer t", Cookie: "a=1", "X-Check": "yes" };
  const first = new URL("http://app.local:8080/health");
  assert.deepEqual(redirectHeaders(headers, first, new URL("http://app.local:9090/ready")), headers);
  assert.deepEqual(redirectHeaders(headers, first, new URL("http://v2.APP.local/ready")), headers);
  assert.deepEqual(redirectHeaders(headers, first, new URL("http://evil.example/ready")), { "X-Check": "yes" });
  assert.deepEqual(redirectHeaders(headers, first, new URL("http://notapp.local/ready")), { "X-Check": "yes" });
});
