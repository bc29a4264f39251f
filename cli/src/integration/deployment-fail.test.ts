// `deployment fail` on a canary update against the real dev agent: the deployment ends failed (what
// was asked, so exit 0), its canary is stopped and the old version keeps running. Then `job stop`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { deploymentFail } from "../deployment/cli.js";
import { jobRun } from "../job/run.js";
import { jobStatus } from "../job/status.js";
import { jobStop } from "../job/stop.js";
import { capture, HELLO_JOB, helloVars, startAgent } from "./helpers.js";

test("deployment fail stops the canary and keeps v1; job stop leaves the job dead (stopped)", async (t) => {
  const agent = await startAgent();
  t.after(() => agent.stop());
  assert.equal((await capture(jobRun, [...helloVars("v1"), HELLO_JOB])).code, 0);
  const v2 = await capture(jobRun, [...helloVars("v2"), HELLO_JOB]);
  const id = /Deployment "([0-9a-f]{8})" needs promotion/.exec(v2.out)?.[1];
  assert.ok(id, v2.out);

  const fail = await capture(deploymentFail, [id]);
  assert.equal(fail.code, 0, fail.out + fail.err);
  assert.match(fail.out, new RegExp(`^Deployment "${id}[0-9a-f-]{28}" failed\\n`));
  assert.match(fail.out, new RegExp(`! Deployment "${id}" failed`));
  assert.match(fail.out, /Description = Deployment marked as failed/);
  const { data: allocs } = await agent.client.jobs.allocations("hello");
  assert.deepEqual(allocs.map((a) => `${a.JobVersion}:${a.DesiredStatus}`).sort(), ["0:run", "1:stop"]);

  const stop = await capture(jobStop, ["hello"]);
  assert.equal(stop.code, 0, stop.out + stop.err);
  assert.match(stop.out, /Evaluation "[0-9a-f]{8}" finished with status "complete"/);
  const status = await capture(jobStatus, []);
  assert.match(status.out, /\nhello {2}service {2}50 {8}dead \(stopped\) {2}\d{4}-/);
});
