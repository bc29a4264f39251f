import assert from "node:assert/strict";
import { test } from "node:test";
import type { Allocation, TaskGroup } from "@forex-mesh/scheduler";
import { DYNAMIC_PORT_MAX, DYNAMIC_PORT_MIN, groupPorts, PortAllocator, portsInUse } from "./ports.js";

test("a port with a value is static wherever it is declared; the others are dynamic", () => {
  const group = {
    Name: "g",
    Count: 1,
    Tasks: [],
    Networks: [{ ReservedPorts: [{ Label: "http", Value: 8080 }], DynamicPorts: [{ Label: "admin", Value: 0 }, { Label: "odd", Value: 9000 }] }],
  } as unknown as TaskGroup;
  const { reserved, dynamic } = groupPorts(group);
  assert.deepEqual(
    reserved.map((p) => p.Label),
    ["http", "odd"],
  );
  assert.deepEqual(
    dynamic.map((p) => p.Label),
    ["admin"],
  );
});

test("ports of terminal allocs are free again", () => {
  const a = (status: string, port: number) => ({ JobID: "j", ClientStatus: status, AllocatedResources: { Shared: { Ports: [{ Label: "x", Value: port }] } } }) as unknown as Allocation;
  assert.deepEqual([...portsInUse([a("running", 1), a("pending", 2), a("complete", 3), a("failed", 4), a("lost", 5)]).keys()], [1, 2]);
});

test("the allocator never hands out a port in use and stays in range", async () => {
  const ports = new PortAllocator(() => 0.999999);
  const used = new Set([DYNAMIC_PORT_MAX]);
  const got = await ports.take(3, used);
  assert.equal(got.length, 3);
  for (const p of got) {
    assert.ok(p >= DYNAMIC_PORT_MIN && p <= DYNAMIC_PORT_MAX);
    assert.notEqual(p, DYNAMIC_PORT_MAX);
  }
  assert.equal(new Set(got).size, 3);
  for (const p of got) assert.ok(used.has(p));
});
