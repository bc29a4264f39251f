// A canary update through the CLI against the real dev agent: `job run` of a new version returns
// once the canary is healthy and waits for promotion (exit 0, with the command to run next);
// `deployment status` and `deployment promote` take an ID prefix; after the promotion the
// deployment succeeds and the old allocation is stopped.
import assert from "node:assert/strict";
import { test } from "node:test";
import { deploymentPromote, deploymentStatus } from "../deployment/cli.js";
import { jobRun } from "../job/run.js";
import { capture, HELLO_JOB, helloVars, startAgent } from "./helpers.js";

test("canary update waits for promotion; promote by prefix finishes the deployment", async (t) => {
  const agent = await startAgent();
  t.after(() => agent.stop());
  assert.equal((await capture(jobRun, [...helloVars("v1"), HELLO_JOB])).code, 0);

  const v2 = await capture(jobRun, [...helloVars("v2"), HELLO_JOB]);
  assert.equal(v2.code, 0, v2.out + v2.err);
  const id = /◇ Deployment "([0-9a-f]{8})" needs promotion: forex-mesh deployment promote \1/.exec(v2.out)?.[1];
  assert.ok(id, v2.out);
  assert.match(v2.out, /web {9}false {5}1 {8}1 {9}1 {7}1 {8}0 /);

  const status = await capture(deploymentStatus, [id.slice(0, 4)]);
  assert.equal(status.code, 0, status.err);
  assert.match(status.out, new RegExp(`^ID {10}= ${id}\\nJob ID {6}= hello\\nJob Version = 1\\nStatus {6}= running\\n`));
  assert.match(status.out, /Task Group {2}Promoted {2}Desired {2}Canaries/);

  const promote = await capture(deploymentPromote, ["-verbose", id.slice(0, 6)]);
  assert.equal(promote.code, 0, promote.out + promote.err);
  assert.match(promote.out, /Monitoring evaluation/);
  assert.match(promote.out, new RegExp(`✓ Deployment "${id}[0-9a-f-]{28}" successful`));
  // -verbose: full ids and the deployment's allocations, as nomad shows them.
  assert.match(promote.out, /\n {4}Allocations\n {4}ID +Node ID +Task Group +Version +Desired +Status/);
  assert.match(promote.out, /\n {4}[0-9a-f-]{36} +[0-9a-f-]{36} +web +1 +run +running/);

  const { data: allocs } = await agent.client.jobs.allocations("hello");
  const byVersion = allocs.map((a) => `${a.JobVersion}:${a.DesiredStatus}`).sort();
  assert.deepEqual(byVersion, ["0:stop", "1:run"]);
  const { data: dep } = await agent.client.jobs.latestDeployment("hello");
  assert.equal(dep?.Status, "successful");
  assert.equal(dep?.TaskGroups?.web?.Promoted, true);

  const ambiguous = await capture(deploymentStatus, ["z"]);
  assert.equal(ambiguous.code, 1);
  assert.match(ambiguous.err, /Deployment ID must contain at least two characters/);
});
