import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jobStatus, summarize } from "./status.js";
import { alloc, job } from "./test/fixtures.js";
import type { Deployment, Evaluation } from "./types.js";

const evalWith = (Status: string) => ({ ID: `e-${Status}`, JobID: "web", Namespace: "default", Status }) as Evaluation;
const deploymentWith = (Status: string) => ({ ID: `d-${Status}`, JobID: "web", Namespace: "default", Status }) as Deployment;

describe("jobStatus", () => {
  const cases: Array<[string, Parameters<typeof jobStatus>, string]> = [
    ["new job, nothing yet", [job(), [], [], []], "pending"],
    ["pending eval", [job(), [], [], [evalWith("pending")]], "pending"],
    ["running alloc", [job(), [alloc({ Name: "web.web[0]" })], [], [evalWith("complete")]], "running"],
    ["active deployment, no alloc", [job(), [], [deploymentWith("running")], [evalWith("complete")]], "running"],
    ["only terminal allocs and evals", [job(), [alloc({ Name: "web.web[0]", ClientStatus: "complete" })], [deploymentWith("successful")], [evalWith("complete")]], "dead"],
    ["an alloc told to stop counts as terminal", [job(), [alloc({ Name: "web.web[0]", DesiredStatus: "stop" })], [], [evalWith("complete")]], "dead"],
    ["stopped with no evals", [job({ stop: true }), [], [], []], "dead"],
    ["system job", [job({ type: "system" }), [], [], []], "running"],
    ["stopped system job", [job({ type: "system", stop: true }), [], [], []], "dead"],
    ["periodic job", [{ ...job(), Periodic: { Enabled: true } }, [], [], []], "running"],
    ["another job's alloc does not count", [job(), [alloc({ Name: "x.x[0]", JobID: "x" })], [], [evalWith("complete")]], "dead"],
  ];
  for (const [name, args, expected] of cases) it(name, () => assert.equal(jobStatus(...args), expected));
});

describe("summarize", () => {
  it("counts allocs per group by client status, with queued from the latest eval", () => {
    const j = job({ groups: ["web", "api"] });
    const allocs = [
      alloc({ Name: "web.web[0]", ClientStatus: "running" }),
      alloc({ Name: "web.web[1]", ClientStatus: "pending" }),
      alloc({ Name: "web.web[1]", ClientStatus: "failed" }),
      alloc({ Name: "web.api[0]", TaskGroup: "api", ClientStatus: "complete" }),
      alloc({ Name: "web.api[0]", TaskGroup: "api", ClientStatus: "lost" }),
      alloc({ Name: "web.gone[0]", TaskGroup: "gone", ClientStatus: "running" }),
    ];
    const s = summarize(j, allocs, { queued: { api: 1 }, createIndex: 5, modifyIndex: 9 });
    assert.deepEqual(s, {
      JobID: "web",
      Namespace: "default",
      Summary: {
        web: { Queued: 0, Complete: 0, Failed: 1, Running: 1, Starting: 1, Lost: 0, Unknown: 0 },
        api: { Queued: 1, Complete: 1, Failed: 0, Running: 0, Starting: 0, Lost: 1, Unknown: 0 },
      },
      Children: { Pending: 0, Running: 0, Dead: 0 },
      CreateIndex: 5,
      ModifyIndex: 9,
    });
  });
});
