// When a job does not become healthy, `up` says which and why: the judgement from Nomad and Consul
// state, then each suspect allocation's task states, events and last log lines (through the log API).
// Here a task exits 3 at start on the real dev agent.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { loadJob } from "../job/run.js";
import { diagnose } from "../up/diagnose.js";
import { jobShape } from "../up/health.js";
import { pollJob } from "../up/system.js";
import { waitFor } from "@forex-mesh/test-utils";
import { HELLO_JOB, startAgent } from "./helpers.js";

const CRASH_TASK = join(import.meta.dirname, "../fixtures/crash-task.mjs");

test("a crashing task: judged not healthy, with its events and its stderr", async (t) => {
  const agent = await startAgent();
  t.after(() => agent.stop());
  const request = await loadJob(HELLO_JOB, { script: CRASH_TASK }, [], {});
  const { data } = await agent.client.jobs.register(request.Job);
  const job = { name: "hello", shape: jobShape(request.Job), evalId: data.EvalID ?? "" };

  const health = await waitFor(
    "the task to have terminated once",
    async () => {
      const { data: allocs } = await agent.client.jobs.allocations("hello");
      const events = allocs.flatMap((a) => a.TaskStates?.server?.Events ?? []);
      return events.some((e) => e.Type === "Terminated") ? pollJob(agent.client, agent.consulAddr, job) : undefined;
    },
    { timeoutMs: 20_000 },
  );
  assert.notEqual(health.state, "healthy");
  assert.equal(health.checksPassing, 0);
  assert.equal(health.suspects.length, 1);

  const report = await diagnose(agent.client, "hello", health);
  assert.match(report, /^hello: not healthy: /);
  assert.match(report, /\n {2}allocation [0-9a-f]{8} \(group web\): /);
  assert.match(report, /\n {4}task server: /);
  assert.match(report, /\n {6}Terminated: .*3/);
  assert.match(report, /\n {4}last stderr lines of server:\n {6}fatal: cannot open \/nonexistent\/rates\.csv/);
  assert.match(report, /\n {4}last stdout lines of server:\n {6}crash-task starting/);
});
