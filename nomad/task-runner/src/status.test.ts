import assert from "node:assert/strict";
import { test } from "node:test";
import { initialTaskState } from "./events.js";
import { allocClientStatus } from "./status.js";
import type { TaskState } from "./types.js";

const s = (State: TaskState["State"], Failed = false): TaskState => ({ ...initialTaskState(), State, Failed });

test("failed beats running beats pending beats complete, with Nomad's descriptions", () => {
  assert.deepEqual(allocClientStatus({ a: s("running"), b: s("dead", true) }), { ClientStatus: "failed", ClientDescription: "Failed tasks" });
  assert.deepEqual(allocClientStatus({ a: s("running"), b: s("pending") }), { ClientStatus: "running", ClientDescription: "Tasks are running" });
  assert.deepEqual(allocClientStatus({ a: s("dead"), b: s("pending") }), {
    ClientStatus: "pending",
    ClientDescription: "No tasks have started",
  });
  assert.deepEqual(allocClientStatus({ a: s("running"), b: s("dead") }), { ClientStatus: "running", ClientDescription: "Tasks are running" });
  assert.deepEqual(allocClientStatus({ a: s("dead"), b: s("dead") }), {
    ClientStatus: "complete",
    ClientDescription: "All tasks have completed",
  });
});
