import assert from "node:assert/strict";
import { test } from "node:test";
import { fixture } from "../../fixtures/load";
import { type AllocStub, formatAge, type HealthEntry, toInstances } from "./instances";

test("toInstances: Consul health + Nomad allocations → alloc, version, address, health, age", () => {
  const health = fixture<HealthEntry[]>("health-forex-rate.json");
  const allocs = fixture<AllocStub[]>("allocs-forex-rate.json");
  const created = allocs[0]!.CreateTime! / 1e6;
  const rows = toInstances(health, allocs, created + 65_000);
  assert.equal(rows.length, 2);
  const row = rows.find((r) => r.alloc === allocs[0]!.ID)!;
  assert.equal(row.version, "v1");
  assert.equal(row.canary, false);
  assert.match(row.address, /^127\.0\.0\.1:\d+$/);
  assert.equal(row.passing, true);
  assert.equal(row.checks, "2/2");
  assert.equal(row.ageSeconds, 65);
});

test("toInstances: a failing check or a canary tag shows; unknown allocations have no age", () => {
  const entry: HealthEntry = { Service: { ID: "x", Address: "10.0.0.1", Port: 80, Tags: ["forex-mesh", "canary"], Meta: { version: "v2", alloc_id: "a1" } }, Checks: [{ Status: "passing" }, { Status: "critical" }] };
  assert.deepEqual(toInstances([entry], [], 0), [{ alloc: "a1", version: "v2", canary: true, address: "10.0.0.1:80", adminPort: null, passing: false, checks: "1/2", ageSeconds: null }]);
});

test("formatAge", () => {
  assert.equal(formatAge(null), "–");
  assert.equal(formatAge(42), "42s");
  assert.equal(formatAge(125), "2m 5s");
  assert.equal(formatAge(7_500), "2h 5m");
});
