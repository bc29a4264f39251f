import assert from "node:assert/strict";
import { appendFile, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { encodeRecord } from "./codec.js";
import { DurableStore, FIRST_WRITE_INDEX } from "./durable-store.js";

const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), "store-test-"));

test("acknowledged writes are replayed from the log after reopening without a clean close", async () => {
  const dataDir = await tempDir();
  const first = await DurableStore.open({ dataDir });
  await Promise.all(Array.from({ length: 50 }, (_, i) => first.commit({ type: "kv-set", key: `k${i}`, value: null, flags: "0" })));
  // No close(): as after kill -9, only the log holds the writes.
  const second = await DurableStore.open({ dataDir });
  assert.equal(second.state.kv.size, 50);
  assert.equal(second.state.index, FIRST_WRITE_INDEX - 1 + 50);
  await second.close();
});

test("a torn final record is ignored and cut, and later writes follow the intact ones", async () => {
  const dataDir = await tempDir();
  const store = await DurableStore.open({ dataDir });
  await store.commit({ type: "kv-set", key: "kept", value: null, flags: "0" });
  const whole = encodeRecord({ i: FIRST_WRITE_INDEX + 1, e: { type: "kv-set", key: "torn", value: null, flags: "0" } });
  await appendFile(join(dataDir, "wal.log"), whole.subarray(0, whole.length - 3));
  const reopened = await DurableStore.open({ dataDir });
  assert.deepEqual([...reopened.state.kv.keys()], ["kept"]);
  await reopened.commit({ type: "kv-set", key: "after", value: null, flags: "0" });
  const third = await DurableStore.open({ dataDir });
  assert.deepEqual([...third.state.kv.keys()].sort(), ["after", "kept"]);
});

test("a record with a bad checksum ends recovery there", async () => {
  const dataDir = await tempDir();
  const good = encodeRecord({ i: 1, e: { type: "kv-set", key: "a", value: null, flags: "0" } });
  const bad = encodeRecord({ i: 2, e: { type: "kv-set", key: "b", value: null, flags: "0" } });
  bad.writeUInt8(bad.readUInt8(bad.length - 2) ^ 0xff, bad.length - 2);
  await writeFile(join(dataDir, "wal.log"), Buffer.concat([good, bad]));
  const store = await DurableStore.open({ dataDir });
  assert.deepEqual([...store.state.kv.keys()], ["a"]);
  assert.equal((await stat(join(dataDir, "wal.log"))).size, good.length);
});

test("a snapshot cuts the log, and records the snapshot already holds are not applied twice", async () => {
  const dataDir = await tempDir();
  const store = await DurableStore.open({ dataDir, snapshotEvery: 10 });
  for (let i = 0; i < 25; i++) await store.commit({ type: "kv-set", key: "counter", value: Buffer.from(String(i)).toString("base64"), flags: "0" });
  assert.ok((await stat(join(dataDir, "state.snap"))).size > 0);
  // Simulate a crash between the snapshot rename and the log cut: old records reappear in the log.
  const stale = encodeRecord({ i: 5, e: { type: "kv-set", key: "stale", value: null, flags: "0" } });
  const log = await readFile(join(dataDir, "wal.log"));
  await writeFile(join(dataDir, "wal.log"), Buffer.concat([stale, log]));
  const reopened = await DurableStore.open({ dataDir });
  assert.equal(reopened.state.index, FIRST_WRITE_INDEX - 1 + 25);
  assert.equal(reopened.state.kv.has("stale"), false);
  assert.equal(Buffer.from(reopened.state.kv.get("counter")?.value ?? "", "base64").toString(), "24");
});

test("concurrent writes are applied in submission order", async () => {
  const dataDir = await tempDir();
  const store = await DurableStore.open({ dataDir });
  const results = await Promise.all(
    Array.from({ length: 20 }, () => store.commit({ type: "kv-set", key: "k", value: null, flags: "0", cas: 0 })),
  );
  // cas=0 is "create only": exactly the first submitted write wins.
  assert.deepEqual(
    results.map((r) => r.ok),
    [true, ...Array.from({ length: 19 }, () => false)],
  );
  await store.close();
});

test("a quiet store still snapshots on its timer, so the log does not wait for the next 20,000 writes", async () => {
  const dataDir = await tempDir();
  const store = await DurableStore.open({ dataDir, snapshotIntervalMs: 30 });
  await store.commit({ type: "kv-set", key: "a", value: null, flags: "0" });
  for (let i = 0; i < 100 && (await stat(join(dataDir, "wal.log"))).size > 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal((await stat(join(dataDir, "wal.log"))).size, 0, "the log was cut");
  assert.ok((await readFile(join(dataDir, "state.snap"), "utf8")).includes('"key":"a"'));
  await store.close();
});

test("a fresh store reports index 1 and writes from 2; a log from before that rule, starting at 1, replays", async () => {
  const dataDir = await tempDir();
  const fresh = await DurableStore.open({ dataDir });
  assert.equal(fresh.state.index, 1);
  await fresh.commit({ type: "kv-set", key: "a", value: null, flags: "0" });
  assert.equal(fresh.state.index, 2);
  const reopened = await DurableStore.open({ dataDir });
  assert.equal(reopened.state.index, 2);
  assert.deepEqual([...reopened.state.kv.keys()], ["a"]);

  const legacyDir = await tempDir();
  const records = [1, 2].map((i) => encodeRecord({ i, e: { type: "kv-set", key: `k${i}`, value: null, flags: "0" } }));
  await writeFile(join(legacyDir, "wal.log"), Buffer.concat(records));
  const legacy = await DurableStore.open({ dataDir: legacyDir });
  assert.deepEqual([...legacy.state.kv.keys()], ["k1", "k2"]);
  assert.equal(legacy.state.index, 2);
});
