import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultIsDestructive, stableJson } from "./destructive.js";
import { job } from "./test/fixtures.js";
import type { Job } from "./types.js";

function changed(edit: (j: Job) => void): boolean {
  const before = job();
  const after = structuredClone(before);
  edit(after);
  return defaultIsDestructive({ job: before, group: before.TaskGroups[0]! }, { job: after, group: after.TaskGroups[0]! });
}

describe("defaultIsDestructive", () => {
  const cases: Array<[string, (j: Job) => void, boolean]> = [
    ["nothing", () => {}, false],
    ["count", (j) => { j.TaskGroups[0]!.Count = 5; }, false],
    ["update strategy", (j) => { j.TaskGroups[0]!.Update!.Canary = 3; }, false],
    ["restart policy", (j) => { j.TaskGroups[0]!.RestartPolicy!.Attempts = 9; }, false],
    ["services", (j) => { j.TaskGroups[0]!["Services"] = [{ Name: "web", Tags: ["x"] }]; }, false],
    ["kill timeout", (j) => { j.TaskGroups[0]!.Tasks[0]!["KillTimeout"] = 1; }, false],
    ["job meta (reaches the env)", (j) => { j.Meta = { version: "v2" }; }, true],
    ["group meta", (j) => { j.TaskGroups[0]!["Meta"] = { a: "b" }; }, true],
    ["driver config", (j) => { j.TaskGroups[0]!.Tasks[0]!["Config"] = { command: "node", args: ["other.js"] }; }, true],
    ["env", (j) => { j.TaskGroups[0]!.Tasks[0]!["Env"] = { A: "1" }; }, true],
    ["resources", (j) => { j.TaskGroups[0]!.Tasks[0]!["Resources"] = { CPU: 200 }; }, true],
    ["networks", (j) => { j.TaskGroups[0]!["Networks"] = []; }, true],
    ["a task added", (j) => { j.TaskGroups[0]!.Tasks.push({ Name: "extra" }); }, true],
    ["a task renamed", (j) => { j.TaskGroups[0]!.Tasks[0]!.Name = "app2"; }, true],
  ];
  for (const [name, edit, expected] of cases) it(name, () => assert.equal(changed(edit), expected));

  it("stableJson ignores key order", () => {
    assert.equal(stableJson({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: null } }), stableJson({ a: { c: null, d: [1, { x: 2, y: 1 }] }, b: 1 }));
  });
});
