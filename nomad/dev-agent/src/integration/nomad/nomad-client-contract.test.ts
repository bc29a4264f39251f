/**
 * Contract: `@forex-mesh/nomad-client` (the console's and our CLI's client, written against Nomad's
 * real API) drives the dev agent end to end: register with EnforceIndex, read the eval, block on
 * the deployment until it completes, list and read jobs, allocs and nodes, read logs, promote a
 * canary deployment, and get Nomad-shaped errors.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { configFromEnv, createNomadClient, UnexpectedResponseError } from "@forex-mesh/nomad-client";
import { waitFor } from "@forex-mesh/test-utils";
import { testJobRequest } from "./jobs.js";
import { startNomadAgent } from "./helpers.js";

test("the typed Nomad client works against the dev agent", { timeout: 90_000 }, async (t) => {
  const api = await startNomadAgent(t);
  const nomad = createNomadClient(configFromEnv({ NOMAD_ADDR: api.nomad }));

  const { data: self } = await nomad.agent.self();
  assert.equal(self.config?.Datacenter, "dc1");

  const { data: reg, meta: regMeta } = await nomad.jobs.register(testJobRequest({ id: "api", count: 1, canary: 1 }).Job, { enforceIndex: true, modifyIndex: 0 });
  assert.ok(reg.EvalID);
  assert.ok(regMeta.lastIndex >= 1);
  const { data: ev } = await nomad.evaluations.info(reg.EvalID ?? "");
  assert.equal(ev.JobID, "api");

  const depId = await waitFor("a deployment on the eval", async () => {
    const { data } = await nomad.evaluations.info(reg.EvalID ?? "");
    return data.Status === "complete" ? data.DeploymentID : undefined;
  });
  let { data: dep, meta } = await nomad.deployments.info(depId ?? "");
  while (dep.Status === "running") {
    ({ data: dep, meta } = await nomad.deployments.info(depId ?? "", { waitIndex: meta.lastIndex, waitTime: 20_000 }));
  }
  assert.equal(dep.Status, "successful");

  const { data: jobs } = await nomad.jobs.list({ prefix: "ap" });
  assert.equal(jobs[0]?.JobSummary?.Namespace, "default");
  const { data: job } = await nomad.jobs.info("api");
  assert.equal(job.Stable, true);
  const { data: allocs } = await nomad.jobs.allocations("api");
  assert.equal(allocs.length, 1);
  const { data: alloc } = await nomad.allocations.info(allocs[0]?.ID ?? "");
  assert.equal(alloc.Job?.ID, "api");
  const { data: node } = await nomad.nodes.info(alloc.NodeID ?? "");
  assert.equal(node.HTTPAddr, new URL(api.nomad).host);
  const { data: summary } = await nomad.jobs.summary("api");
  assert.equal(summary.Summary?.g?.Running, 1);

  const text = await waitFor("app output through the client", async () => {
    let out = "";
    for await (const f of nomad.allocations.logs(alloc.ID ?? "", { task: "app", type: "stdout" })) out += f.data.toString("utf8");
    return out.includes("tick 1") ? out : undefined;
  });
  assert.match(text, /app tick 0/);

  await nomad.jobs.register(testJobRequest({ id: "api", count: 1, canary: 1, version: "v2" }).Job);
  const canaryDep = await waitFor("a healthy canary", async () => {
    const { data } = await nomad.jobs.latestDeployment("api");
    return data && data.JobVersion === 1 && data.TaskGroups?.g?.HealthyAllocs === 1 ? data : undefined;
  }, { timeoutMs: 30_000 });
  const { data: promoted } = await nomad.deployments.promoteAll(canaryDep.ID ?? "");
  assert.ok(promoted.EvalID);
  await waitFor("the promoted deployment to complete", async () => (await nomad.deployments.info(canaryDep.ID ?? "")).data.Status === "successful", { timeoutMs: 30_000 });

  await assert.rejects(nomad.jobs.info("missing"), (e: unknown) => e instanceof UnexpectedResponseError && e.notFound && e.body === "job not found");
  await assert.rejects(
    nomad.jobs.register(testJobRequest({ id: "api" }).Job, { enforceIndex: true, modifyIndex: 0 }),
    (e: unknown) => e instanceof UnexpectedResponseError && e.statusCode === 500 && /Enforcing job modify index 0: job already exists/.test(e.message),
  );
  await assert.rejects(nomad.deployments.promoteAll(canaryDep.ID ?? ""), (e: unknown) => e instanceof UnexpectedResponseError && e.body === "can't promote terminal deployment");
});
