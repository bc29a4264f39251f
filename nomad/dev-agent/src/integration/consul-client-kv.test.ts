/**
 * KV through the npm `consul` client: get/set/cas/delete/recurse/keys, and a `kv.get` watch that
 * sees a write and a delete (a 404 with index headers is an empty result, not an error).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { agentWithClient, nextChange, startWatch } from "./helpers.js";

interface KvPair {
  Key: string;
  Value: string | null;
  ModifyIndex: number;
  Flags: number;
}

test("KV operations and a KV watch through the consul client", async (t) => {
  const { agent, consul } = await agentWithClient();
  t.after(() => agent.stop());

  assert.equal(await consul.kv.get("forex-mesh/routes/forex-rate"), undefined, "a miss resolves undefined");
  assert.equal(await consul.kv.set("forex-mesh/routes/forex-rate", '{"split":[]}'), true);
  assert.equal(await consul.kv.set({ key: "forex-mesh/routes/forex-web", value: "w", flags: 42 }), true);
  const got = (await consul.kv.get("forex-mesh/routes/forex-rate")) as KvPair;
  assert.equal(got.Value, '{"split":[]}');

  // The agent answers a lost CAS with the JSON body `false`; node-consul resolves a falsy body as
  // undefined, so a lost CAS is "not true" and the value must be unchanged.
  assert.notEqual(await consul.kv.set({ key: "forex-mesh/routes/forex-rate", value: "stale", cas: got.ModifyIndex - 1 }), true);
  assert.equal(((await consul.kv.get("forex-mesh/routes/forex-rate")) as KvPair).Value, '{"split":[]}');
  assert.equal(await consul.kv.set({ key: "forex-mesh/routes/forex-rate", value: "v2", cas: got.ModifyIndex }), true);
  assert.notEqual(await consul.kv.set({ key: "forex-mesh/routes/forex-rate", value: "again", cas: 0 }), true, "cas=0 only creates");
  assert.equal(((await consul.kv.get("forex-mesh/routes/forex-rate")) as KvPair).Value, "v2");

  const all = (await consul.kv.get({ key: "forex-mesh/", recurse: true })) as KvPair[];
  assert.deepEqual(
    all.map((e) => [e.Key, e.Value, e.Flags]),
    [
      ["forex-mesh/routes/forex-rate", "v2", 0],
      ["forex-mesh/routes/forex-web", "w", 42],
    ],
  );
  assert.deepEqual(await consul.kv.keys({ key: "forex-mesh/", separator: "/" }), ["forex-mesh/routes/"]);
  assert.deepEqual(await consul.kv.keys("forex-mesh/routes/"), ["forex-mesh/routes/forex-rate", "forex-mesh/routes/forex-web"]);

  const { watch, errors } = startWatch(consul, { method: consul.kv.get, options: { key: "forex-mesh/routes/forex-converter", wait: "5s" } as never });
  t.after(() => watch.end());
  await nextChange<KvPair | undefined>(watch, (d) => d === undefined);
  const written = nextChange<KvPair | undefined>(watch, (d) => d?.Value === '{"split":[{"version":"v1","weight":100}]}');
  await consul.kv.set("forex-mesh/routes/forex-converter", '{"split":[{"version":"v1","weight":100}]}');
  await written;
  const deleted = nextChange<KvPair | undefined>(watch, (d) => d === undefined);
  await consul.kv.del("forex-mesh/routes/forex-converter");
  await deleted;
  watch.end();
  assert.deepEqual(errors, []);

  await consul.kv.del({ key: "forex-mesh/", recurse: true });
  assert.equal(await consul.kv.get({ key: "forex-mesh/", recurse: true }), undefined);
});
