/**
 * Register bookkeeping as a Nomad server does it: EnforceIndex check-and-set with Nomad's error
 * texts (HTTP 500), an unchanged spec creating an eval but no version, a changed spec a new version,
 * the submitted source kept, `job/:id` refusing a mismatched ID, parse, plan with a diff,
 * deregister (stop, then purge), and Nomad's 404 texts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Job, JobPlanResponse } from "@forex-mesh/nomad-client";
import { testJobHcl, testJobRequest } from "./jobs.js";
import { call, startNomadAgent } from "./helpers.js";

test("register, plan, parse and deregister follow Nomad's rules and texts", { timeout: 60_000 }, async (t) => {
  const api = await startNomadAgent(t);
  const put = (body: unknown, path = "/v1/jobs") => call<{ EvalID: string; JobModifyIndex: number }>(`${api.nomad}${path}`, { method: "PUT", body });

  const exists0 = await put({ ...testJobRequest({ id: "cas" }), EnforceIndex: true, JobModifyIndex: 5 });
  assert.equal(exists0.status, 500);
  assert.equal(exists0.text, "Enforcing job modify index 5: job does not exist");
  const created = await put({ ...testJobRequest({ id: "cas" }), EnforceIndex: true, JobModifyIndex: 0 });
  assert.equal(created.status, 200, created.text);
  const again = await put({ ...testJobRequest({ id: "cas" }), EnforceIndex: true, JobModifyIndex: 0 });
  assert.equal(again.text, "Enforcing job modify index 0: job already exists");
  const stale = await put({ ...testJobRequest({ id: "cas" }), EnforceIndex: true, JobModifyIndex: created.body.JobModifyIndex + 100 });
  assert.equal(stale.text, `Enforcing job modify index ${created.body.JobModifyIndex + 100}: job exists with conflicting job modify index: ${created.body.JobModifyIndex}`);

  const sub = await call<{ Source: string; Format: string }>(`${api.nomad}/v1/job/cas/submission?version=0`);
  assert.equal(sub.body.Format, "hcl2");
  assert.match(sub.body.Source, /^\s*job "cas" \{/);

  const same = await put(testJobRequest({ id: "cas" }));
  assert.equal(same.status, 200);
  assert.notEqual(same.body.EvalID, created.body.EvalID, "re-registering still creates an eval");
  assert.equal(same.body.JobModifyIndex, created.body.JobModifyIndex, "no new version for the same spec");
  assert.equal((await call<Job>(`${api.nomad}/v1/job/cas`)).body.Version, 0);

  const plan = await call<JobPlanResponse>(`${api.nomad}/v1/job/cas/plan`, { method: "PUT", body: { Job: testJobRequest({ id: "cas", version: "v2", canary: 1 }).Job, Diff: true } });
  assert.equal(plan.status, 200, plan.text);
  assert.equal(plan.body.Diff?.Type, "Edited");
  assert.equal(plan.body.Annotations?.DesiredTGUpdates?.g?.Canary, 1);

  const changed = await put(testJobRequest({ id: "cas", version: "v2" }));
  assert.ok(changed.body.JobModifyIndex > created.body.JobModifyIndex);
  const versions = (await call<{ Versions: Job[]; Diffs: unknown[] }>(`${api.nomad}/v1/job/cas/versions?diffs=true`)).body;
  assert.deepEqual(
    versions.Versions.map((v) => v.Version),
    [1, 0],
  );
  assert.equal(versions.Diffs.length, 1);

  const mismatch = await put(testJobRequest({ id: "cas" }), "/v1/job/other");
  assert.equal(mismatch.status, 400);
  assert.equal(mismatch.text, "Job ID does not match name");
  assert.equal((await put({})).text, "Job must be specified");

  const parsed = await call<Job>(`${api.nomad}/v1/jobs/parse`, { method: "PUT", body: { JobHCL: testJobHcl({ id: "p" }), Canonicalize: true } });
  assert.equal(parsed.body.ID, "p");
  assert.equal(parsed.body.Priority, 50);
  assert.equal((await call(`${api.nomad}/v1/jobs/parse`, { method: "PUT", body: { JobHCL: "" } })).text, "Job spec is empty");

  const stop = await call(`${api.nomad}/v1/job/cas`, { method: "DELETE" });
  assert.equal(stop.status, 200);
  const stopped = (await call<Job>(`${api.nomad}/v1/job/cas`)).body;
  assert.equal(stopped.Stop, true);
  assert.equal(stopped.Version, 2);
  await call(`${api.nomad}/v1/job/cas?purge=true`, { method: "DELETE" });
  const gone = await call(`${api.nomad}/v1/job/cas`);
  assert.equal(gone.status, 404);
  assert.equal(gone.text, "job not found");
  assert.equal((await call(`${api.nomad}/v1/evaluation/nope`)).text, "eval not found");
  assert.equal((await call(`${api.nomad}/v1/deployment/nope`)).text, "deployment not found");
  assert.equal((await call(`${api.nomad}/v1/job/nope/versions`)).text, "job versions not found");
  assert.equal((await call(`${api.nomad}/v1/job/nope/deployment`)).text, "null");
  const filtered = await call(`${api.nomad}/v1/jobs?filter=Status%20%3D%3D%20%22running%22`);
  assert.equal(filtered.status, 400, "an unsupported filter is refused, not ignored");
});
