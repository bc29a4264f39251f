import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { historyKey, parseRoutingHistory, routeKey } from "@forex-mesh/routing";
import { type DevAgent, startDevAgent } from "@forex-mesh/test-utils";
import { type ConsulKv, createConsulKv } from "./consul.js";
import { rolloutTable } from "./logic/split.js";
import { writeRoutes } from "./routes.js";

let agent: DevAgent;
let kv: ConsulKv;
before(async () => {
  agent = await startDevAgent();
  kv = createConsulKv(agent.consulAddr, undefined);
});
after(() => agent.stop());

const now = () => Date.parse("2026-11-25T02:00:00.000Z");
const plan = (w: number) => (t: Parameters<typeof rolloutTable>[0]) => rolloutTable(t, "v1", "v2", w);

async function history(service: string) {
  const entry = await kv.get(historyKey(service));
  if (!entry) return [];
  const parsed = parseRoutingHistory(entry.value);
  assert.ok(parsed.ok);
  return parsed.value.entries;
}

test("a write keeps the table's other fields and appends a history entry with the new revision", async () => {
  const errors: unknown[] = [];
  await kv.put(routeKey("s1"), JSON.stringify({ split: [{ version: "v1", weight: 100 }], timeoutMs: 900 }), 0);
  const r = await writeRoutes({ kv, now, onHistoryError: (e) => errors.push(e) }, "s1", plan(25), "rollout r-1 step 2/4: 25%");
  assert.equal(r.changed, true);
  const stored = JSON.parse((await kv.get(routeKey("s1")))!.value);
  assert.deepEqual(stored, { split: [{ version: "v1", weight: 75 }, { version: "v2", weight: 25 }], timeoutMs: 900 });
  assert.deepEqual(await history("s1"), [
    { at: "2026-11-25T02:00:00.000Z", split: stored.split, actor: "rollout", reason: "rollout r-1 step 2/4: 25%", revision: r.revision },
  ]);
  assert.equal((await kv.get(routeKey("s1")))?.modifyIndex, r.revision);
  assert.deepEqual(errors, []);
});

test("writing the split already in force changes nothing: no new revision, no history entry", async () => {
  const deps = { kv, now, onHistoryError: () => {} };
  const first = await writeRoutes(deps, "s2", plan(10), "step 1");
  const second = await writeRoutes(deps, "s2", plan(10), "step 1 again");
  assert.equal(second.changed, false);
  assert.equal(second.revision, first.revision);
  assert.equal((await history("s2")).length, 1);
});

test("an unreadable route table is replaced (sidecars ignore it; traffic must still move back)", async () => {
  await kv.put(routeKey("s3"), "{not json", 0);
  const r = await writeRoutes({ kv, now, onHistoryError: () => {} }, "s3", plan(0), "rollback");
  assert.equal(r.changed, true);
  assert.deepEqual(r.table.split, [{ version: "v1", weight: 100 }, { version: "v2", weight: 0 }]);
});

test("an unreadable history is not overwritten: the route change stands and the error is reported", async () => {
  await kv.put(historyKey("s4"), "garbage", 0);
  const errors: unknown[] = [];
  const r = await writeRoutes({ kv, now, onHistoryError: (e) => errors.push(e) }, "s4", plan(50), "step 3");
  assert.equal(r.changed, true);
  assert.equal((await kv.get(historyKey("s4")))?.value, "garbage");
  assert.equal(errors.length, 1);
  assert.match(String((errors[0] as Error).message), /routing history of s4 is unreadable/);
});

test("a concurrent writer between read and write is retried with a fresh read", async () => {
  await kv.put(routeKey("s5"), JSON.stringify({ split: [{ version: "v1", weight: 100 }] }), 0);
  let raced = false;
  const racing: ConsulKv = {
    ...kv,
    async put(key, value, cas) {
      if (!raced && key === routeKey("s5")) {
        raced = true;
        // Someone (the console) writes first: our CAS on the old index must lose.
        await kv.put(key, JSON.stringify({ split: [{ version: "v1", weight: 100 }], timeoutMs: 700 }), cas);
      }
      return kv.put(key, value, cas);
    },
  };
  const r = await writeRoutes({ kv: racing, now, onHistoryError: () => {} }, "s5", plan(10), "step 1");
  assert.equal(r.changed, true);
  assert.equal(r.table.timeoutMs, 700, "the other writer's field survives: the plan ran on the fresh table");
});
