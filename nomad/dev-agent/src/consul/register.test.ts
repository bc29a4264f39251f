import assert from "node:assert/strict";
import { test } from "node:test";
import { parseServiceDefinition } from "./register.js";

test("defaults: ID from Name, check IDs and names, initial status critical, 10s timeout", () => {
  const parsed = parseServiceDefinition({
    Name: "web",
    Port: 8080,
    Check: { HTTP: "http://127.0.0.1:8080/health", Interval: "10s" },
    Checks: [{ TTL: "15s", Status: "passing" }],
  });
  assert.ok(parsed.ok);
  const { service, checks } = parsed.value;
  assert.equal(service.id, "web");
  assert.deepEqual(
    checks.map((c) => [c.id, c.name, c.status]),
    [
      ["service:web:1", "Service 'web' check", "critical"],
      ["service:web:2", "Service 'web' check", "passing"],
    ],
  );
  assert.equal(checks[0]?.definition.timeoutMs, 10_000);
});

test("snake_case keys are accepted like PascalCase", () => {
  const parsed = parseServiceDefinition({ name: "web", id: "w1", port: 1, check: { tcp: "127.0.0.1:1", interval: "1s", deregister_critical_service_after: "1m" } });
  assert.ok(parsed.ok);
  assert.equal(parsed.value.service.id, "w1");
  assert.equal(parsed.value.checks[0]?.definition.deregisterCriticalAfterMs, 60_000);
});

test("invalid bodies are refused with Consul's messages", () => {
  const cases: [unknown, RegExp][] = [
    [{ Port: 1 }, /^Missing service name$/],
    [{ Name: "w", Port: "80" }, /Port/],
    [{ Name: "w", Check: { HTTP: "http://x" } }, /Interval must be > 0/],
    [{ Name: "w", Check: { TTL: "soon" } }, /invalid duration/],
    [{ Name: "w", Check: {} }, /Check type is not valid/],
    [{ Name: "w", Meta: { a: 1 } }, /Meta/],
    [{ Name: "w", Check: { TCP: "localhost", Interval: "1s" } }, /Invalid TCP check address/],
    [{ Name: "w", Check: { TCP: "localhost:99999", Interval: "1s" } }, /Invalid TCP check address/],
    [[1, 2], /JSON object/],
  ];
  for (const [body, message] of cases) {
    const parsed = parseServiceDefinition(body);
    assert.equal(parsed.ok, false, JSON.stringify(body));
    if (!parsed.ok) assert.match(parsed.error, message);
  }
});
