import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createNomadClient } from "./client.js";
import { configFromEnv } from "./config.js";
import { UnexpectedResponseError } from "./errors.js";
import { indexHeaders, type MockNomad, startMockNomad } from "./testing/mock-nomad.js";

describe("deployments, evaluations, allocations, nodes and agent against a mock of Nomad", () => {
  let nomad: MockNomad;
  let client: ReturnType<typeof createNomadClient>;
  before(async () => {
    nomad = await startMockNomad();
    client = createNomadClient(configFromEnv({ NOMAD_ADDR: nomad.address, NOMAD_NAMESPACE: "prod" }));
  });
  after(() => nomad.close());
  const last = () => nomad.requests.at(-1)!;

  it("promotes all canaries or chosen groups with the CLI's body", async () => {
    nomad.on("PUT /v1/deployment/promote/d1", { headers: indexHeaders(88), body: { EvalID: "e9", DeploymentModifyIndex: 88, Index: 88 } });
    const { data, meta } = await client.deployments.promoteAll("d1");
    assert.equal(data.EvalID, "e9");
    assert.equal(meta.lastIndex, 88);
    assert.deepEqual(JSON.parse(last().body), { DeploymentID: "d1", All: true, Groups: null });
    assert.deepEqual(last().query, { namespace: "prod" });
    await client.deployments.promoteGroups("d1", ["web", "api"]);
    assert.deepEqual(JSON.parse(last().body), { DeploymentID: "d1", All: false, Groups: ["web", "api"] });
  });

  it("surfaces a refused promotion as Nomad's 500 text", async () => {
    nomad.on("PUT /v1/deployment/promote/d2", { status: 500, body: 'Task group "web" has 0/1 healthy allocations' });
    await assert.rejects(client.deployments.promoteAll("d2"), (e: unknown) => e instanceof UnexpectedResponseError && e.statusCode === 500 && e.body === 'Task group "web" has 0/1 healthy allocations');
  });

  it("fails a deployment and reads deployments and their allocations", async () => {
    nomad.on("PUT /v1/deployment/fail/d1", { body: { EvalID: "e10", RevertedJobVersion: 1 } });
    assert.equal((await client.deployments.fail("d1")).data.RevertedJobVersion, 1);
    assert.deepEqual(JSON.parse(last().body), { DeploymentID: "d1" });
    nomad.on("GET /v1/deployments", { headers: indexHeaders(4), body: [{ ID: "d1", Status: "running" }] });
    assert.equal((await client.deployments.list({ prefix: "d1" })).data[0]?.Status, "running");
    assert.deepEqual(last().query, { namespace: "prod", prefix: "d1" });
    nomad.on("GET /v1/deployment/d1", { headers: indexHeaders(4), body: { ID: "d1", TaskGroups: { web: { DesiredCanaries: 2 } } } });
    assert.equal((await client.deployments.info("d1")).data.TaskGroups?.web?.DesiredCanaries, 2);
    nomad.on("GET /v1/deployment/allocations/d1", { headers: indexHeaders(4), body: [{ ID: "a1", DeploymentStatus: { Healthy: null, Canary: true } }] });
    assert.equal((await client.deployments.allocations("d1")).data[0]?.DeploymentStatus?.Canary, true);
  });

  it("reads evaluations with related evals and their allocations", async () => {
    nomad.on("GET /v1/evaluation/e1", { headers: indexHeaders(5), body: { ID: "e1", Status: "complete", DeploymentID: "d1" } });
    assert.equal((await client.evaluations.info("e1", { related: true })).data.DeploymentID, "d1");
    assert.deepEqual(last().query, { namespace: "prod", related: "true" });
    nomad.on("GET /v1/evaluation/e1/allocations", { headers: indexHeaders(5), body: [{ ID: "a1", DesiredStatus: "run" }] });
    assert.equal((await client.evaluations.allocations("e1")).data[0]?.DesiredStatus, "run");
    nomad.on("GET /v1/evaluations", { headers: indexHeaders(5), body: [] });
    assert.deepEqual((await client.evaluations.list()).data, []);
  });

  it("lists, reads and stops allocations", async () => {
    nomad.on("GET /v1/allocations", { headers: indexHeaders(6), body: [{ ID: "a1" }] });
    await client.allocations.list({ filter: 'ClientStatus == "running"' });
    assert.deepEqual(last().query, { namespace: "prod", filter: 'ClientStatus == "running"' });
    nomad.on("GET /v1/allocation/a1", { headers: indexHeaders(6), body: { ID: "a1", AllocatedResources: { Shared: { Ports: [{ Label: "http", Value: 23456 }] } } } });
    assert.equal((await client.allocations.info("a1")).data.AllocatedResources?.Shared?.Ports?.[0]?.Value, 23456);
    nomad.on("PUT /v1/allocation/a1/stop", { headers: indexHeaders(7), body: { EvalID: "e5", Index: 7 } });
    assert.equal((await client.allocations.stop("a1", { noShutdownDelay: true })).data.EvalID, "e5");
    assert.deepEqual([last().query, last().body], [{ namespace: "prod", no_shutdown_delay: "true" }, ""]);
  });

  it("reads nodes and agent/self", async () => {
    nomad.on("GET /v1/nodes", { headers: indexHeaders(2), body: [{ ID: "n1", Status: "ready" }] });
    assert.equal((await client.nodes.list()).data[0]?.Status, "ready");
    nomad.on("GET /v1/node/n1", { headers: indexHeaders(2), body: { ID: "n1", HTTPAddr: "127.0.0.1:4646" } });
    assert.equal((await client.nodes.info("n1")).data.HTTPAddr, "127.0.0.1:4646");
    nomad.on("GET /v1/agent/self", { body: { config: { Region: "global", Datacenter: "dc1", UI: { ShowCLIHints: false } }, member: { Name: "dev" }, stats: {} } });
    const self = (await client.agent.self()).data;
    assert.equal(self.member?.Name, "dev");
    assert.equal(self.config?.UI?.ShowCLIHints, false);
  });
});
