import assert from "node:assert/strict";
import { test } from "node:test";
import { apply } from "./apply.js";
import type { CheckInput, ServiceInput, StoreEvent } from "./events.js";
import { emptyState } from "./types.js";

const service = (id: string, name = "web"): ServiceInput => ({
  id,
  name,
  tags: [],
  address: "127.0.0.1",
  port: 8080,
  meta: {},
  taggedAddresses: {},
  weights: { Passing: 1, Warning: 1 },
  enableTagOverride: false,
  kind: "",
});
const ttlCheck = (id: string, serviceId: string): CheckInput => ({
  id,
  name: id,
  serviceId,
  status: "critical",
  notes: "",
  output: "",
  definition: { type: "ttl", ttlMs: 1000, ttl: "1s" },
});

test("the index moves up by one per event and KV entries carry create/modify indexes", () => {
  const state = emptyState();
  apply(state, { type: "kv-set", key: "a", value: "eA==", flags: "0" });
  apply(state, { type: "kv-set", key: "a", value: "eQ==", flags: "0" });
  assert.equal(state.index, 2);
  assert.deepEqual(
    { c: state.kv.get("a")?.createIndex, m: state.kv.get("a")?.modifyIndex },
    { c: 1, m: 2 },
  );
});

test("cas=0 only creates, cas=N only replaces ModifyIndex N", () => {
  const state = emptyState();
  assert.equal(apply(state, { type: "kv-set", key: "k", value: null, flags: "0", cas: 0 }).ok, true);
  assert.equal(apply(state, { type: "kv-set", key: "k", value: null, flags: "0", cas: 0 }).ok, false);
  assert.equal(apply(state, { type: "kv-set", key: "k", value: null, flags: "0", cas: 99 }).ok, false);
  assert.equal(apply(state, { type: "kv-set", key: "k", value: "eA==", flags: "0", cas: 1 }).ok, true);
  assert.equal(state.kv.get("k")?.value, "eA==");
});

test("a recursive delete leaves tombstones so prefix watchers see the index move", () => {
  const state = emptyState();
  apply(state, { type: "kv-set", key: "p/a", value: null, flags: "0" });
  apply(state, { type: "kv-set", key: "p/b", value: null, flags: "0" });
  apply(state, { type: "kv-set", key: "q", value: null, flags: "0" });
  const result = apply(state, { type: "kv-delete", key: "p/", recurse: true });
  assert.deepEqual(result.kvKeys.sort(), ["p/a", "p/b"]);
  assert.equal(state.kvTombstones.get("p/a"), 4);
  assert.ok(state.kv.has("q"));
});

test("deregistering a service removes its checks and touches its topic", () => {
  const state = emptyState();
  apply(state, { type: "service-register", service: service("web-1"), checks: [ttlCheck("c1", "web-1")], replaceExistingChecks: false, now: 0 });
  const result = apply(state, { type: "service-deregister", id: "web-1" });
  assert.equal(state.checks.size, 0);
  assert.ok(result.topics.includes("service:web"));
  assert.equal(state.serviceNameIndex.get("web"), 2);
});

test("a check update records when it turned critical, and clears it when it recovers", () => {
  const state = emptyState();
  apply(state, { type: "service-register", service: service("web-1"), checks: [ttlCheck("c1", "web-1")], replaceExistingChecks: false, now: 100 });
  assert.equal(state.checks.get("c1")?.criticalSince, 100);
  apply(state, { type: "check-update", id: "c1", status: "passing", output: "", now: 200 });
  assert.equal(state.checks.get("c1")?.criticalSince, 0);
  apply(state, { type: "check-update", id: "c1", status: "critical", output: "TTL expired", now: 300 });
  assert.equal(state.checks.get("c1")?.criticalSince, 300);
});

test("re-registering keeps a check's known status instead of resetting it to critical", () => {
  const state = emptyState();
  const register: StoreEvent = { type: "service-register", service: service("web-1"), checks: [ttlCheck("c1", "web-1")], replaceExistingChecks: false, now: 0 };
  apply(state, register);
  apply(state, { type: "check-update", id: "c1", status: "passing", output: "ok", now: 1 });
  apply(state, register);
  assert.equal(state.checks.get("c1")?.status, "passing");
});

test("a check for an unknown service is refused", () => {
  const state = emptyState();
  const result = apply(state, { type: "check-register", check: ttlCheck("c", "nope"), now: 0 });
  assert.equal(result.ok, false);
  assert.match(result.error ?? "", /does not exist/);
});
