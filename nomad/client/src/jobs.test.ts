import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createNomadClient } from "./client.js";
import { configFromEnv } from "./config.js";
import { UnexpectedResponseError } from "./errors.js";
import { indexHeaders, type MockNomad, startMockNomad } from "./testing/mock-nomad.js";

describe("jobs API against a mock of Nomad", () => {
  let nomad: MockNomad;
  let client: ReturnType<typeof createNomadClient>;
  before(async () => {
    nomad = await startMockNomad();
    client = createNomadClient(configFromEnv({ NOMAD_ADDR: nomad.address, NOMAD_TOKEN: "secret-token" }));
  });
  after(() => nomad.close());
  const last = () => nomad.requests.at(-1)!;

  it("registers with PUT /v1/jobs, the token header and only the options asked for", async () => {
    nomad.on("PUT /v1/jobs", { headers: indexHeaders(57), body: { EvalID: "e1", EvalCreateIndex: 57, JobModifyIndex: 57, Warnings: "", Index: 57 } });
    const { data, meta } = await client.jobs.register({ ID: "web", Name: "web", Type: null });
    assert.equal(data.EvalID, "e1");
    assert.equal(meta.lastIndex, 57);
    const r = last();
    assert.equal(r.method, "PUT");
    assert.equal(r.path, "/v1/jobs");
    assert.deepEqual(r.query, {});
    assert.equal(r.headers["x-nomad-token"], "secret-token");
    assert.equal(r.headers["content-type"], "application/json");
    assert.deepEqual(JSON.parse(r.body), { Job: { ID: "web", Name: "web", Type: null } });
  });

  it("sends EnforceIndex and JobModifyIndex for check-and-set, and surfaces Nomad's 500 text", async () => {
    nomad.on("PUT /v1/jobs", { status: 500, body: "Enforcing job modify index 3: job exists with conflicting job modify index: 9" });
    await assert.rejects(client.jobs.register({ ID: "web" }, { enforceIndex: true, modifyIndex: 3, submission: { Source: "job {}", Format: "hcl2", VariableFlags: null, Variables: "" } }), (e: unknown) => {
      assert.ok(e instanceof UnexpectedResponseError);
      assert.equal(e.statusCode, 500);
      assert.match(e.body, /^Enforcing job modify index 3/);
      return true;
    });
    assert.deepEqual(JSON.parse(last().body), {
      Job: { ID: "web" },
      EnforceIndex: true,
      JobModifyIndex: 3,
      Submission: { Source: "job {}", Format: "hcl2", VariableFlags: null, Variables: "" },
    });
  });

  it("lists with prefix and per_page and reads the job summary namespace", async () => {
    nomad.on("GET /v1/jobs", { headers: indexHeaders(61), body: [{ ID: "web", JobSummary: { Namespace: "default" } }] });
    const { data, meta } = await client.jobs.list({ prefix: "we", perPage: 20 });
    assert.equal(data[0]?.JobSummary?.Namespace, "default");
    assert.deepEqual(meta, { lastIndex: 61, lastContact: 0, knownLeader: true, nextToken: "", requestTimeMs: meta.requestTimeMs });
    assert.deepEqual(last().query, { prefix: "we", per_page: "20" });
  });

  it("reads a job, escaping its ID as a path segment, and maps 404 to notFound", async () => {
    nomad.on("GET /v1/job/a%2Fb", { headers: indexHeaders(5), body: { ID: "a/b" } });
    assert.equal((await client.jobs.info("a/b")).data.ID, "a/b");
    nomad.on("GET /v1/job/missing", { status: 404, body: "job not found" });
    await assert.rejects(client.jobs.info("missing"), (e: unknown) => e instanceof UnexpectedResponseError && e.notFound && e.body === "job not found");
  });

  it("asks for versions with diffs", async () => {
    nomad.on("GET /v1/job/web/versions", { headers: indexHeaders(9), body: { Versions: [{ ID: "web", Version: 1 }], Diffs: [{ Type: "Edited", ID: "web" }] } });
    const { data } = await client.jobs.versions("web", { diffs: true });
    assert.equal(data.Diffs?.[0]?.Type, "Edited");
    assert.deepEqual(last().query, { diffs: "true" });
  });

  it("plans, reverts and scales with the Go client's bodies", async () => {
    nomad.on("PUT /v1/job/web/plan", { body: { JobModifyIndex: 7, Diff: { Type: "None" } } });
    await client.jobs.plan({ ID: "web" });
    assert.deepEqual(JSON.parse(last().body), { Job: { ID: "web" }, Diff: true, PolicyOverride: false });

    nomad.on("PUT /v1/job/web/revert", { body: { EvalID: "e2" } });
    await client.jobs.revert("web", 2, { enforcePriorVersion: 3 });
    assert.deepEqual(JSON.parse(last().body), { JobID: "web", JobVersion: 2, EnforcePriorVersion: 3 });

    nomad.on("PUT /v1/job/web/scale", { body: { EvalID: "e3" } });
    await client.jobs.scale("web", "api", 4, { message: "more" });
    assert.deepEqual(JSON.parse(last().body), { Count: 4, Target: { Job: "web", Group: "api" }, Message: "more", Error: false, Meta: null, PolicyOverride: false, JobModifyIndex: 0 });
  });

  it("stops with DELETE and purges with purge=true, sending no body", async () => {
    nomad.on("DELETE /v1/job/web", { body: { EvalID: "e4", JobModifyIndex: 12 } });
    await client.jobs.deregister("web");
    assert.deepEqual([last().method, last().query, last().body], ["DELETE", {}, ""]);
    await client.jobs.deregister("web", { purge: true });
    assert.deepEqual(last().query, { purge: "true" });
  });

  it("reads allocations, evaluations, deployments, the latest deployment (or null) and the summary", async () => {
    nomad.on("GET /v1/job/web/allocations", { headers: indexHeaders(3), body: [{ ID: "a1", ClientStatus: "running" }] });
    nomad.on("GET /v1/job/web/evaluations", { headers: indexHeaders(3), body: [{ ID: "e1", Status: "complete" }] });
    nomad.on("GET /v1/job/web/deployments", { headers: indexHeaders(3), body: [] });
    nomad.on("GET /v1/job/web/deployment", { headers: indexHeaders(3), body: null });
    nomad.on("GET /v1/job/web/summary", { headers: indexHeaders(3), body: { JobID: "web", Summary: { web: { Running: 2 } } } });
    assert.equal((await client.jobs.allocations("web")).data[0]?.ClientStatus, "running");
    assert.deepEqual(last().query, { all: "false" });
    assert.equal((await client.jobs.evaluations("web")).data[0]?.Status, "complete");
    assert.deepEqual((await client.jobs.deployments("web", { all: true })).data, []);
    assert.deepEqual(last().query, { all: "true" });
    assert.equal((await client.jobs.latestDeployment("web")).data, null);
    assert.equal((await client.jobs.summary("web")).data.Summary?.web?.Running, 2);
  });

  it("asks the server to parse HCL", async () => {
    nomad.on("PUT /v1/jobs/parse", { body: { ID: "x" } });
    await client.jobs.parse('job "x" {}', { canonicalize: true, variables: 'v = "1"' });
    assert.deepEqual(JSON.parse(last().body), { JobHCL: 'job "x" {}', Canonicalize: true, Variables: 'v = "1"' });
  });
});
