import assert from "node:assert/strict";
import { test } from "node:test";
import { toInstances, toKeyValue } from "./consul.js";

test("health entries become instances with version and canary flag", () => {
  const body = [
    {
      Node: { Node: "dev", Address: "10.0.0.1" },
      Service: { ID: "a", Service: "forex-rate", Address: "", Port: 2001, Tags: ["canary"], Meta: { version: "v2" } },
      Checks: [],
    },
    { Node: { Address: "127.0.0.1" }, Service: { ID: "b", Address: "127.0.0.2", Port: 2002, Tags: null, Meta: null } },
  ];
  assert.deepEqual(toInstances(body), [
    { id: "a", address: "10.0.0.1", port: 2001, version: "v2", canary: true },
    { id: "b", address: "127.0.0.2", port: 2002, version: "", canary: false },
  ]);
});

test("a malformed health answer is refused", () => {
  assert.throws(() => toInstances([{ Node: {}, Service: { ID: "x", Port: "80" } }]));
  assert.throws(() => toInstances({}));
});

test("a KV entry is decoded from base64 with its ModifyIndex", () => {
  const value = Buffer.from('{"split":[]}').toString("base64");
  assert.deepEqual(toKeyValue([{ Key: "k", Value: value, ModifyIndex: 42, CreateIndex: 1, Flags: 0 }]), {
    value: '{"split":[]}',
    modifyIndex: 42,
  });
  assert.deepEqual(toKeyValue([{ Key: "k", Value: null, ModifyIndex: 3 }]), { value: "", modifyIndex: 3 });
  assert.equal(toKeyValue([]), null);
});
