/**
 * `PUT /v1/jobs` with a job as the CLI sends it: the eval is readable at once, every alloc runs
 * (prestart sidecar + app), and each alloc's group service is registered in the Consul half with
 * Nomad's service ID, tags, interpolated meta, the allocated port and its http check.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import type { Allocation, AllocationListStub, Evaluation, JobListStub } from "@forex-mesh/nomad-client";
import { call, consulChecks, consulServices, deploymentReaches, registerJob, startNomadAgent } from "./helpers.js";

test("a registered job runs its allocs and registers their services in Consul", { timeout: 60_000 }, async (t) => {
  const api = await startNomadAgent(t);
  const reg = await registerJob(api, { id: "web", count: 2 });
  const ev = await call<Evaluation>(`${api.nomad}/v1/evaluation/${reg.EvalID}`);
  assert.equal(ev.status, 200, "the eval is readable as soon as register answers");
  assert.equal(ev.body.TriggeredBy, "job-register");
  assert.ok(ev.index >= reg.JobModifyIndex);

  const d = await deploymentReaches(api, "web", 0, "successful");
  assert.equal(d.StatusDescription, "Deployment completed successfully");
  assert.equal(d.TaskGroups?.g?.HealthyAllocs, 2);

  const allocs = (await call<AllocationListStub[]>(`${api.nomad}/v1/job/web/allocations`)).body;
  assert.equal(allocs.length, 2);
  assert.deepEqual(allocs.map((a) => a.Name).sort(), ["web.g[0]", "web.g[1]"]);
  for (const a of allocs) {
    assert.equal(a.ClientStatus, "running");
    assert.equal(a.TaskStates?.sidecar?.State, "running");
    assert.equal(a.TaskStates?.app?.State, "running");
  }

  const services = await waitFor("both services in Consul", async () => {
    const s = await consulServices(api, "web-svc");
    return s.size === 2 ? s : undefined;
  });
  for (const a of allocs) {
    const full = (await call<Allocation>(`${api.nomad}/v1/allocation/${a.ID}`)).body;
    assert.equal(full.Job?.ID, "web", "the full alloc embeds its job");
    const ports = new Map((full.AllocatedResources?.Shared?.Ports ?? []).map((p) => [p.Label, p.Value]));
    const svc = services.get(a.ID ?? "");
    assert.ok(svc, `service of ${a.ID}`);
    assert.equal(svc.ID, `_nomad-task-${a.ID}-group-g-web-svc-ingress`);
    assert.equal(svc.Address, "127.0.0.1");
    assert.equal(svc.Port, ports.get("ingress"));
    assert.deepEqual(svc.Tags, ["mesh"]);
    assert.deepEqual(svc.Meta, { version: "v1", metrics_port: String(ports.get("admin")), alloc_id: a.ID, "external-source": "nomad" });
    const checks = (await consulChecks(api, "web-svc")).filter((c) => c.ServiceID === svc.ID);
    assert.equal(checks.length, 1);
    assert.match(checks[0]?.CheckID ?? "", /^_nomad-check-[0-9a-f]{64}$/);
    assert.equal(checks[0]?.Name, "sidecar readyz");
    assert.equal(checks[0]?.Status, "passing");
  }
  const jobs = (await call<JobListStub[]>(`${api.nomad}/v1/jobs?prefix=we`)).body;
  assert.equal(jobs.length, 1);
  assert.equal(jobs[0]?.JobSummary?.Namespace, "default");
  assert.equal(jobs[0]?.Status, "running");
  assert.equal(jobs[0]?.JobSummary?.Summary?.g?.Running, 2);
});
