import assert from "node:assert/strict";
import { test } from "node:test";
import { allocContextFrom, currentHostFacts } from "./alloc-context.js";
import { nomadVars } from "./env.js";

const job = {
  ID: "web",
  Type: "service",
  Namespace: "default",
  Region: "global",
  Meta: { version: "v1" },
  TaskGroups: [
    { Name: "api", Meta: { version: "v2" }, Tasks: [{ Name: "server", Driver: "raw_exec", Config: { command: "x" } }] },
    { Name: "other", Tasks: [] },
  ],
};
const alloc = {
  ID: "a1b2c3d4-0000-0000-0000-000000000000",
  Name: "web.api[1]",
  TaskGroup: "api",
  AllocatedResources: { Shared: { Ports: [{ Label: "http", Value: 20001, To: 0, HostIP: "127.0.0.1" }] } },
};

test("an Allocation and its Job become the runner's context and the group's tasks", () => {
  const { context, tasks } = allocContextFrom(alloc, job, { dataDir: "/data", datacenter: "dc1" });
  assert.equal(context.AllocDir, "/data/alloc/a1b2c3d4-0000-0000-0000-000000000000");
  assert.equal(context.JobID, "web");
  assert.equal(context.JobName, "web");
  assert.equal(context.Datacenter, "dc1");
  assert.deepEqual(tasks.map((t) => t.Name), ["server"]);
  const env = nomadVars(context, tasks[0] as (typeof tasks)[number]);
  assert.equal(env.NOMAD_ALLOC_INDEX, "1");
  assert.equal(env.NOMAD_PORT_http, "20001");
  assert.equal(env.NOMAD_META_version, "v2");
});

test("host facts use Go's names", () => {
  const facts = currentHostFacts("1.9.0", 2);
  assert.equal(facts.kernelName, "linux");
  assert.equal(facts.arch, process.arch === "x64" ? "amd64" : process.arch, "Go's GOARCH, not Node's x64");
  assert.equal(facts.nomadVersion, "1.9.0");
});
