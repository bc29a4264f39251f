import assert from "node:assert/strict";
import { test } from "node:test";
import type { Allocation, Job } from "@forex-mesh/scheduler";
import { devNodeInfo } from "@forex-mesh/task-runner";
import { allocRegistrations } from "./services.js";

const node = devNodeInfo(
  { ID: "n1", Name: "dev", Datacenter: "dc1", Region: "global" },
  { hostname: "h", kernelName: "linux", kernelVersion: "6", arch: "amd64", cpuCores: 2, nomadVersion: "1.9.0" },
);
const job = {
  ID: "web",
  Namespace: "default",
  Type: "service",
  Priority: 50,
  Version: 3,
  Meta: { version: "v2" },
  TaskGroups: [
    {
      Name: "g",
      Count: 1,
      Tasks: [{ Name: "app", Driver: "raw_exec", Config: { command: "x" } }],
      Services: [
        {
          Name: "web-svc",
          PortLabel: "ingress",
          Tags: ["mesh"],
          CanaryTags: ["mesh", "canary"],
          // biome-ignore lint/suspicious/noTemplateCurlyInString: Nomad runtime references, literal as in a job
          Meta: { version: "${NOMAD_META_version}", metrics_port: "${NOMAD_PORT_admin}", alloc_id: "${NOMAD_ALLOC_ID}" },
          Checks: [{ Name: "", Type: "http", Path: "/readyz", PortLabel: "admin", Interval: 2e9, Timeout: 1e9 }],
        },
      ],
    },
  ],
} as unknown as Job;
const alloc = (canary: boolean): Allocation =>
  ({
    ID: "11111111-2222-3333-4444-555555555555",
    Name: "web.g[0]",
    JobID: "web",
    Namespace: "default",
    TaskGroup: "g",
    DeploymentStatus: { Healthy: null, Timestamp: "", Canary: canary },
    AllocatedResources: {
      Shared: {
        Ports: [
          { Label: "ingress", Value: 23001, To: 0, HostIP: "127.0.0.1" },
          { Label: "admin", Value: 23002, To: 0, HostIP: "127.0.0.1" },
        ],
      },
    },
  }) as unknown as Allocation;

test("a group service gets Nomad's ID, the port of its label, interpolated meta and its check", () => {
  const [reg] = allocRegistrations(alloc(false), job, { dataDir: "/d", datacenter: "dc1", node });
  assert.ok(reg);
  assert.equal(reg.service.id, "_nomad-task-11111111-2222-3333-4444-555555555555-group-g-web-svc-ingress");
  assert.equal(reg.service.address, "127.0.0.1");
  assert.equal(reg.service.port, 23001);
  assert.deepEqual(reg.service.tags, ["mesh"]);
  assert.deepEqual(reg.service.meta, { version: "v2", metrics_port: "23002", alloc_id: alloc(false).ID, "external-source": "nomad" });
  const [check] = reg.checks;
  assert.match(check?.id ?? "", /^_nomad-check-[0-9a-f]{64}$/);
  assert.equal(check?.name, 'service: "web-svc" check');
  assert.equal(check?.definition.http, "http://127.0.0.1:23002/readyz");
  assert.equal(check?.definition.interval, "2s");
  assert.equal(check?.definition.timeout, "1s");
  assert.equal(check?.status, "critical");
});

test("a canary gets the canary tags; check IDs do not depend on canary state", () => {
  const [canary] = allocRegistrations(alloc(true), job, { dataDir: "/d", datacenter: "dc1", node });
  const [normal] = allocRegistrations(alloc(false), job, { dataDir: "/d", datacenter: "dc1", node });
  assert.deepEqual(canary?.service.tags, ["mesh", "canary"]);
  assert.equal(canary?.checks[0]?.id, normal?.checks[0]?.id, "promotion re-registers the same check, keeping its status");
});
