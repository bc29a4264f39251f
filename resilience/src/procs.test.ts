import assert from "node:assert/strict";
import { test } from "node:test";
import { agentPid, alive, parseEnviron, parseRss, rssBytes, splitNul, taskProcesses } from "./procs.js";

test("environ text splits into variables; a value may hold '='", () => {
  assert.deepEqual(parseEnviron("NOMAD_ALLOC_ID=abc\0NOMAD_TASK_NAME=app\0X=a=b\0\0"), { NOMAD_ALLOC_ID: "abc", NOMAD_TASK_NAME: "app", X: "a=b" });
  assert.deepEqual(splitNul("node\0main.js\0"), ["node", "main.js"]);
});

test("VmRSS is read in bytes", () => {
  assert.equal(parseRss("Name:\tnode\nVmRSS:\t   71120 kB\nVmData:\t 1 kB\n"), 71120 * 1024);
  assert.equal(parseRss("Name:\tkthreadd\n"), null);
});

test("this process is alive and has a resident size; no agent or task runs for unknown ids", () => {
  assert.equal(alive(process.pid), true);
  assert.ok(rssBytes(process.pid) > 1024 * 1024);
  assert.deepEqual(taskProcesses(["no-such-alloc"]), []);
  assert.throws(() => agentPid("/no/such/data-dir"), /resilience_process_not_found/);
});
