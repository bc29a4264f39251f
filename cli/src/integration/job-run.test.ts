// `job run` against the real dev agent: the evaluation and the first deployment are followed to
// success, exit 0; `job status` then shows the job, its deployment and its running allocation.
import assert from "node:assert/strict";
import { test } from "node:test";
import { jobRun } from "../job/run.js";
import { jobStatus } from "../job/status.js";
import { capture, HELLO_JOB, helloVars, startAgent } from "./helpers.js";

test("job run follows evaluation and deployment to success; job status shows the result", async (t) => {
  const agent = await startAgent();
  t.after(() => agent.stop());

  const run = await capture(jobRun, [...helloVars(), HELLO_JOB]);
  assert.equal(run.code, 0, run.out + run.err);
  assert.match(run.out, /==> .*: Monitoring evaluation "[0-9a-f]{8}"/);
  assert.match(run.out, /Evaluation triggered by job "hello"/);
  assert.match(run.out, /Allocation "[0-9a-f]{8}" created: node "[0-9a-f]{8}", group "web"/);
  assert.match(run.out, /Evaluation "[0-9a-f]{8}" finished with status "complete"/);
  assert.match(run.out, /✓ Deployment "[0-9a-f]{8}" successful/);
  assert.match(run.out, /web {9}1 {8}1 {7}1 {8}0 {10}\d{4}-/);

  const list = await capture(jobStatus, []);
  assert.equal(list.code, 0);
  assert.match(list.out, /^ID {5}Type {5}Priority {2}Status {3}Submit Date\nhello {2}service {2}50 {8}running {2}\d{4}-/);

  const one = await capture(jobStatus, ["hel"]);
  assert.equal(one.code, 0, one.err);
  assert.match(one.out, /^ID {12}= hello\n/);
  assert.match(one.out, /Latest Deployment\nID {10}= [0-9a-f]{8}\nStatus {6}= successful\nDescription = Deployment completed successfully/);
  assert.match(one.out, /Allocations\nID {8}Node ID {3}Task Group {2}Version {2}Desired {2}Status {3}Created +Modified\n[0-9a-f]{8} {2}[0-9a-f]{8} {2}web {9}0 {8}run {6}running/);

  const missing = await capture(jobStatus, ["nope"]);
  assert.equal(missing.code, 1);
  assert.equal(missing.err, 'No job(s) with prefix or ID "nope" found\n');
});
