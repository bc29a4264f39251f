import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type DevAgent, startDevAgent } from "@forex-mesh/test-utils";
import { createConsulKv } from "./consul.js";
import { RolloutError } from "./errors.js";

let agent: DevAgent;
before(async () => {
  agent = await startDevAgent();
});
after(() => agent.stop());

test("get answers null for a missing key and the value with its ModifyIndex otherwise", async () => {
  const kv = createConsulKv(agent.consulAddr, undefined);
  assert.equal(await kv.get("t1/missing"), null);
  assert.equal(await kv.put("t1/a", "hello", 0), true);
  const entry = await kv.get("t1/a");
  assert.equal(entry?.value, "hello");
  assert.ok((entry?.modifyIndex ?? 0) > 0);
});

test("put is check-and-set: cas 0 only creates, a stale index loses", async () => {
  const kv = createConsulKv(agent.consulAddr, undefined);
  assert.equal(await kv.put("t2/a", "1", 0), true);
  assert.equal(await kv.put("t2/a", "2", 0), false, "cas=0 on an existing key");
  const { modifyIndex } = (await kv.get("t2/a"))!;
  assert.equal(await kv.put("t2/a", "3", modifyIndex), true);
  assert.equal(await kv.put("t2/a", "4", modifyIndex), false, "the index moved on");
  assert.equal((await kv.get("t2/a"))?.value, "3");
});

test("list recurses under a prefix, and a blocking list wakes on a write under it", async () => {
  const kv = createConsulKv(agent.consulAddr, undefined);
  assert.deepEqual((await kv.list("t3/")).entries, []);
  await kv.put("t3/x/spec", "s", 0);
  const first = await kv.list("t3/");
  assert.deepEqual(
    first.entries.map((e) => [e.key, e.value]),
    [["t3/x/spec", "s"]],
  );
  const started = Date.now();
  const blocked = kv.list("t3/", { index: first.index, waitSeconds: 20 });
  setTimeout(() => void kv.put("t3/x/control", "c", 0), 300);
  const woken = await blocked;
  assert.ok(Date.now() - started < 10_000, "woken by the write, not by the wait running out");
  assert.ok(woken.index > first.index);
  assert.deepEqual(woken.entries.map((e) => e.key).sort(), ["t3/x/control", "t3/x/spec"]);
});

test("an unreachable Consul is a RolloutError with the consul code", async () => {
  const kv = createConsulKv("http://127.0.0.1:9", undefined);
  await assert.rejects(kv.get("a"), (e: unknown) => e instanceof RolloutError && e.code === "rollout_consul_failed");
});
