// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Nomad service-name variables such as ${JOB} are literal text.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { canonicalizeJob } from "./canonicalize.js";
import { arbitraryApiJob } from "./fixtures/arbitrary.js";
import { fixture } from "./fixtures/index.js";
import { parseJobspec } from "./parse-jobspec.js";
import type { Job } from "./types.js";

const S = 1_000_000_000;
const forex = () => canonicalizeJob(parseJobspec(fixture("forex-rate.nomad.hcl"), { variables: { repo: "/r" } }));

describe("canonicalizeJob: job level", () => {
  it("fills the job defaults of a real server", () => {
    const job = forex();
    assert.equal(job.Namespace, "default");
    assert.equal(job.Region, "global");
    assert.equal(job.Priority, 50);
    assert.equal(job.NodePool, "default");
    assert.equal(job.AllAtOnce, false);
    assert.equal(job.Stop, false);
    assert.equal(job.ParentID, "");
    assert.equal(job.Status, "");
    assert.equal(job.Version, 0);
    assert.deepEqual(job.Datacenters, ["dc1"]);
    assert.equal("ConsulToken" in job, false);
  });

  it("defaults empty datacenters to * and empty names to the ID", () => {
    const job = canonicalizeJob({ ID: "x", Datacenters: [] });
    assert.deepEqual(job.Datacenters, ["*"]);
    assert.equal(job.Name, "x");
    assert.equal(job.Type, "service");
  });

  it("reduces the job Update to Stagger and MaxParallel and pushes the rest into groups", () => {
    const job = forex();
    assert.deepEqual(job.Update, {
      Stagger: 30 * S,
      MaxParallel: 1,
      HealthCheck: "",
      MinHealthyTime: 0,
      HealthyDeadline: 0,
      ProgressDeadline: 0,
      Canary: 0,
      AutoRevert: false,
      AutoPromote: false,
    });
    assert.deepEqual(job.TaskGroups![0]!.Update, {
      Stagger: 30 * S,
      MaxParallel: 1,
      HealthCheck: "checks",
      MinHealthyTime: 10 * S,
      HealthyDeadline: 300 * S,
      ProgressDeadline: 600 * S,
      Canary: 2,
      AutoRevert: true,
      AutoPromote: false,
    });
  });

  it("lets group update fields win over the job's, field by field", () => {
    const job = canonicalizeJob({
      ID: "x",
      Update: { Canary: 1, MinHealthyTime: 5 * S },
      TaskGroups: [{ Name: "a", Update: { Canary: 3 } }, { Name: "b" }],
    });
    assert.equal(job.TaskGroups![0]!.Update!.Canary, 3);
    assert.equal(job.TaskGroups![0]!.Update!.MinHealthyTime, 5 * S);
    assert.equal(job.TaskGroups![1]!.Update!.Canary, 1);
  });

  it("keeps a zero job Update when max_parallel is 0", () => {
    const job = canonicalizeJob({ ID: "x", Update: { MaxParallel: 0 }, TaskGroups: [{ Name: "g" }] });
    assert.equal(job.Update!.MaxParallel, 0);
    assert.equal(job.Update!.Stagger, 0);
    assert.equal(job.TaskGroups![0]!.Update!.MaxParallel, 0, "the group keeps max_parallel 0: no deployments");
  });
});

describe("canonicalizeJob: group and task level", () => {
  it("merges the service restart policy onto the defaults and copies it to tasks", () => {
    const g = forex().TaskGroups![0]!;
    const want = { Interval: 90 * S, Attempts: 3, Delay: 5 * S, Mode: "delay", RenderTemplates: false };
    assert.deepEqual(g.RestartPolicy, want);
    for (const t of g.Tasks!) assert.deepEqual(t.RestartPolicy, want);
    assert.deepEqual(g.ReschedulePolicy, { Attempts: 0, Interval: 0, Delay: 30 * S, DelayFunction: "exponential", MaxDelay: 3600 * S, Unlimited: true });
    assert.deepEqual(g.Migrate, { MaxParallel: 1, HealthCheck: "checks", MinHealthyTime: 10 * S, HealthyDeadline: 300 * S });
    assert.deepEqual(g.EphemeralDisk, { Sticky: false, Migrate: false, SizeMB: 300 });
  });

  it("uses batch defaults and no update for batch jobs", () => {
    const job = canonicalizeJob({ ID: "b", Type: "batch", TaskGroups: [{ Name: "g", Tasks: [{ Name: "t", RestartPolicy: { Attempts: 9 } }] }] });
    const g = job.TaskGroups![0]!;
    assert.deepEqual(g.RestartPolicy, { Delay: 15 * S, Attempts: 3, Interval: 86400 * S, Mode: "fail", RenderTemplates: false });
    assert.equal(g.Tasks![0]!.RestartPolicy!.Attempts, 9);
    assert.equal(g.ReschedulePolicy!.DelayFunction, "constant");
    assert.equal(g.Update, undefined);
    assert.equal(g.Migrate, undefined);
    assert.equal(job.Update!.MaxParallel, 0);
  });

  it("gives batch groups a migrate strategy only when the job asks for one", () => {
    const job = canonicalizeJob({ ID: "b", Type: "batch", Migrate: { MaxParallel: 2 }, TaskGroups: [{ Name: "g" }] });
    assert.deepEqual(job.TaskGroups![0]!.Migrate, { MaxParallel: 2, HealthCheck: "checks", MinHealthyTime: 10 * S, HealthyDeadline: 300 * S });
  });

  it("drops a lifecycle without a hook and defaults prevent_reschedule_on_lost", () => {
    const job = canonicalizeJob({ ID: "x", TaskGroups: [{ Name: "g", Tasks: [{ Name: "t", Lifecycle: { Hook: "", Sidecar: true } }] }] });
    assert.equal(job.TaskGroups![0]!.Tasks![0]!.Lifecycle, null);
    assert.equal(job.TaskGroups![0]!.PreventRescheduleOnLost, false);
  });

  it("leaves system jobs without a reschedule policy", () => {
    const job = canonicalizeJob({ ID: "s", Type: "system", TaskGroups: [{ Name: "g" }] });
    assert.equal(job.TaskGroups![0]!.ReschedulePolicy, undefined);
    assert.equal(job.TaskGroups![0]!.Count, 1);
  });

  it("fills task resources, kill timeout and log config", () => {
    const [app, sidecar] = forex().TaskGroups![0]!.Tasks!;
    assert.deepEqual(app!.Resources, { CPU: 100, Cores: 0, MemoryMB: 128, MemoryMaxMB: 0, DiskMB: 0, Networks: null, Devices: null, NUMA: null, SecretsMB: null });
    assert.equal(sidecar!.Resources!.CPU, 100);
    assert.equal(sidecar!.Resources!.MemoryMB, 300);
    assert.equal(app!.KillTimeout, 10 * S);
    assert.equal(sidecar!.KillTimeout, 5 * S);
    assert.deepEqual(app!.LogConfig, { MaxFiles: 10, MaxFileSizeMB: 10, Disabled: false });
    assert.deepEqual(sidecar!.LogConfig, { MaxFiles: 2, MaxFileSizeMB: 5, Disabled: false });
    assert.deepEqual(sidecar!.Lifecycle, { Hook: "prestart", Sidecar: true });
    assert.equal(app!.Lifecycle, null);
  });

  it("gives a task with only cores zero MHz", () => {
    const job = canonicalizeJob({ ID: "x", TaskGroups: [{ Name: "g", Tasks: [{ Name: "t", Resources: { Cores: 2 } }] }] });
    assert.equal(job.TaskGroups![0]!.Tasks![0]!.Resources!.CPU, 0);
  });

  it("sets HostNetwork default on ports and keeps an empty mode (host networking)", () => {
    const n = forex().TaskGroups![0]!.Networks![0]!;
    assert.equal(n.Mode, "");
    assert.ok(n.DynamicPorts!.every((p) => p.HostNetwork === "default"));
  });
});

describe("canonicalizeJob: services and checks", () => {
  it("fills service and check defaults", () => {
    const s = forex().TaskGroups![0]!.Services![0]!;
    assert.equal(s.Name, "forex-rate");
    assert.equal(s.Provider, "consul");
    assert.equal(s.AddressMode, "auto");
    assert.equal(s.OnUpdate, "require_healthy");
    assert.equal(s.Cluster, "default");
    assert.equal(s.Namespace, "default");
    assert.equal(s.TaskName, "");
    const c = s.Checks![0]!;
    assert.equal(c.Name, 'service: "forex-rate" check');
    assert.equal(c.OnUpdate, "require_healthy");
    assert.equal(c.CheckRestart, null);
  });

  it("names unnamed services after job, group and task, and interpolates ${JOB} and friends", () => {
    const job = canonicalizeJob({
      ID: "shop",
      Namespace: "prod",
      TaskGroups: [
        {
          Name: "api",
          Services: [{}, { Name: "${JOB}-${TASKGROUP}-public" }],
          Tasks: [{ Name: "web", Services: [{}, { Name: "${BASE}-admin", Provider: "nomad" }, { Name: "${TASK}" }] }],
        },
      ],
    });
    const g = job.TaskGroups![0]!;
    assert.deepEqual(g.Services!.map((s) => s.Name), ["shop-api", "shop-api-public"]);
    const ts = g.Tasks![0]!.Services!;
    assert.deepEqual(ts.map((s) => s.Name), ["shop-api-web", "shop-api-web-admin", "web"]);
    assert.deepEqual(ts.map((s) => s.TaskName), ["web", "web", "web"]);
    assert.equal(ts[0]!.Namespace, "default", "consul services live in Consul's default namespace");
    assert.equal(ts[1]!.Namespace, "prod", "nomad services live in the job's namespace");
  });

  it("merges service check_restart into checks with a 1s grace default and clamps counters", () => {
    const job = canonicalizeJob({
      ID: "x",
      TaskGroups: [
        {
          Name: "g",
          Services: [
            {
              CheckRestart: { Limit: 3 },
              OnUpdate: "ignore",
              Checks: [{ Type: "tcp", CheckRestart: { IgnoreWarnings: true }, FailuresBeforeCritical: -2 }],
            },
          ],
        },
      ],
    });
    const s = job.TaskGroups![0]!.Services![0]!;
    assert.equal("CheckRestart" in s, false);
    assert.deepEqual(s.Checks![0]!.CheckRestart, { Limit: 3, Grace: S, IgnoreWarnings: true });
    assert.equal(s.Checks![0]!.FailuresBeforeCritical, 0);
    assert.equal(s.Checks![0]!.OnUpdate, "ignore");
  });

  it("turns empty tags and meta into null", () => {
    const job = canonicalizeJob({ ID: "x", Meta: {}, TaskGroups: [{ Name: "g", Services: [{ Tags: [], Meta: {} }] }] });
    assert.equal(job.Meta, null);
    assert.equal(job.TaskGroups![0]!.Services![0]!.Tags, null);
    assert.equal(job.TaskGroups![0]!.Services![0]!.Meta, null);
  });
});

describe("canonicalizeJob: properties", () => {
  it("is idempotent: canonicalizing twice equals canonicalizing once", () => {
    fc.assert(
      fc.property(arbitraryApiJob(), (job) => {
        const once = canonicalizeJob(job);
        assert.deepEqual(canonicalizeJob(once), once);
      }),
      { numRuns: 300 },
    );
  });

  it("never mutates its input", () => {
    fc.assert(
      fc.property(arbitraryApiJob(), (job: Job) => {
        const before = JSON.stringify(job);
        canonicalizeJob(job);
        assert.equal(JSON.stringify(job), before);
      }),
      { numRuns: 100 },
    );
  });

  it("is idempotent on the parsed fixtures", () => {
    for (const name of ["forex-rate.nomad.hcl", "web.nomad.hcl"]) {
      const once = canonicalizeJob(parseJobspec(fixture(name), { variables: name.startsWith("forex") ? { repo: "/r" } : {} }));
      assert.deepEqual(canonicalizeJob(once), once, name);
    }
  });
});
