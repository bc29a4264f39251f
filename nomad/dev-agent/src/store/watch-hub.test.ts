import assert from "node:assert/strict";
import { test } from "node:test";
import { kvKeyTopic, kvPrefixTopic, serviceTopic } from "./topics.js";
import { WatchHub } from "./watch-hub.js";

test("a KV write wakes the key's and its prefixes' waiters, and nobody else", () => {
  const hub = new WatchHub();
  const woken: string[] = [];
  hub.subscribe([kvKeyTopic("a/b")], () => woken.push("key"));
  hub.subscribe([kvPrefixTopic("a/")], () => woken.push("prefix"));
  hub.subscribe([kvPrefixTopic("")], () => woken.push("root"));
  hub.subscribe([kvKeyTopic("a/c")], () => woken.push("other key"));
  hub.subscribe([serviceTopic("web")], () => woken.push("service"));
  hub.notify({ ok: true, kvKeys: ["a/b"], topics: [] });
  assert.deepEqual(woken.sort(), ["key", "prefix", "root"]);
});

test("unsubscribing removes the waiter from every topic", () => {
  const hub = new WatchHub();
  let calls = 0;
  const off = hub.subscribe([serviceTopic("web"), kvPrefixTopic("x")], () => calls++);
  off();
  hub.notify({ ok: true, kvKeys: ["x1"], topics: [serviceTopic("web")] });
  assert.equal(calls, 0);
  assert.equal(hub.size, 0);
});

test("a waiter on two touched topics runs once", () => {
  const hub = new WatchHub();
  let calls = 0;
  hub.subscribe([serviceTopic("a"), serviceTopic("b")], () => calls++);
  hub.notify({ ok: true, kvKeys: [], topics: [serviceTopic("a"), serviceTopic("b")] });
  assert.equal(calls, 1);
});
