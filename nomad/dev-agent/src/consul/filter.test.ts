import assert from "node:assert/strict";
import { test } from "node:test";
import { compileFilter } from "./filter.js";

const entry = {
  Service: { Service: "forex-rate", Tags: ["canary", "v2"], Meta: { version: "v2", "a.b": "x" }, Port: 8080 },
  Node: { Node: "dev", Meta: {} },
};

function matches(expression: string): boolean {
  const compiled = compileFilter(expression);
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.predicate(entry);
}

test("the bexpr forms our clients use", () => {
  assert.equal(matches('Service.Meta.version == "v2"'), true);
  assert.equal(matches("Service.Meta.version != v2"), false);
  assert.equal(matches('"canary" in Service.Tags'), true);
  assert.equal(matches('"stable" not in Service.Tags'), true);
  assert.equal(matches('Service.Tags contains "v2"'), true);
  assert.equal(matches('Service.Meta["a.b"] == "x"'), true);
  assert.equal(matches("Node.Meta is empty and Service.Port == 8080"), true);
  assert.equal(matches('not (Service.Service matches "^forex-") or Service.Tags is not empty'), true);
  assert.equal(matches('Service.Service matches "^web" or "v1" in Service.Tags'), false);
});

test("a malformed expression is an error, not a match-all", () => {
  for (const bad of ["Service.Meta.version ==", "(a == b", 'Service.Tags frobs "x"']) {
    const compiled = compileFilter(bad);
    assert.equal(compiled.ok, false, bad);
  }
});
