import assert from "node:assert/strict";
import { test } from "node:test";
import { chooseTask, lastLines, tailWindowBytes } from "./tail.js";

test("lastLines keeps the last n lines and the final newline", () => {
  assert.equal(lastLines("a\nb\nc\n", 2), "b\nc\n");
  assert.equal(lastLines("a\nb\nc", 2), "b\nc");
  assert.equal(lastLines("a\n", 5), "a\n");
  assert.equal(lastLines("a\nb\n", 0), "");
  assert.equal(lastLines("", 3), "");
});

test("the tail window grows with the line count", () => {
  assert.equal(tailWindowBytes(10), 5120);
  assert.equal(tailWindowBytes(1), 4096);
});

test("a task must be named when the group has several", () => {
  assert.deepEqual(chooseTask("8ba85cef", ["app"], undefined), { task: "app" });
  assert.deepEqual(chooseTask("8ba85cef", ["sidecar", "app"], "app"), { task: "app" });
  const r = chooseTask("8ba85cef", ["sidecar", "app"], undefined);
  assert.ok("error" in r && r.error === 'Allocation "8ba85cef" is running the following tasks:\n  * sidecar\n  * app\n\nPlease specify the task.');
  assert.ok("error" in chooseTask("8ba85cef", ["app"], "db"));
});
