// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Nomad runtime interpolations such as ${NOMAD_PORT_http} are literal text in job JSON.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fixture } from "./fixtures/index.js";
import { parseJobspec, registerRequest } from "./parse-jobspec.js";
import type { Job } from "./types.js";

const group = (job: Job, i = 0) => job.TaskGroups![i]!;
const task = (job: Job, name: string) => group(job).Tasks!.find((t) => t.Name === name)!;

describe("parseJobspec: the forex-shaped fixture", () => {
  it("produces exactly the job JSON the nomad CLI sends", () => {
    const job = parseJobspec(fixture("forex-rate.nomad.hcl"), {
      filename: "forex-rate.nomad.hcl",
      variables: { repo: "/repo", version: "v2" },
    });
    assert.deepEqual({ Job: job }, JSON.parse(fixture("forex-rate.job.json")));
  });

  it("keeps Nomad's runtime interpolations literal while resolving var.*", () => {
    const job = parseJobspec(fixture("forex-rate.nomad.hcl"), { variables: { repo: "/r", version: "v9" } });
    const svc = group(job).Services![0]!;
    assert.deepEqual(svc.Meta, { version: "${NOMAD_META_version}" });
    assert.deepEqual(svc.Tags, ["version=v9"]);
    assert.deepEqual(svc.CanaryTags, ["version=v9", "canary"]);
    assert.deepEqual(job.Meta, { version: "v9" });
    assert.deepEqual(task(job, "app").Env, { PORT: "${NOMAD_PORT_app}", VERSION: "v9" });
    assert.deepEqual(task(job, "sidecar").Config?.args, ["/r/proxy/dist/main.js", "--ingress=${NOMAD_PORT_ingress}", "--admin=${NOMAD_ADDR_admin}"]);
  });

  it("maps lifecycle, the sidecar check and the canary update", () => {
    const job = parseJobspec(fixture("forex-rate.nomad.hcl"), { variables: { repo: "/r" } });
    assert.deepEqual(task(job, "sidecar").Lifecycle, { Hook: "prestart", Sidecar: true });
    const check = group(job).Services![0]!.Checks![0]!;
    assert.equal(check.Path, "/readyz");
    assert.equal(check.PortLabel, "admin");
    assert.equal(check.Interval, 5_000_000_000);
    assert.equal(check.Timeout, 1_000_000_000);
    assert.equal(job.Update?.Canary, 2);
    assert.equal(job.Update?.AutoRevert, true);
    assert.equal(group(job).RestartPolicy?.Interval, 90_000_000_000);
    assert.deepEqual(
      group(job).Networks![0]!.DynamicPorts!.map((p) => p.Label),
      ["app", "ingress", "egress", "admin"],
    );
  });
});

describe("parseJobspec: the API reference's minimal realistic job", () => {
  const job = parseJobspec(fixture("web.nomad.hcl"), { filename: "web.nomad.hcl" });

  it("matches every field the reference example shows", () => {
    assert.equal(job.ID, "web");
    assert.equal(job.Name, "web");
    assert.equal(job.Type, null, "type is not written in the file, so the CLI sends null");
    assert.deepEqual(job.Datacenters, ["dc1"]);
    for (const k of ["Region", "Namespace", "Priority", "AllAtOnce", "NodePool"] as const) assert.equal(job[k], null, k);
    assert.deepEqual(job.Update, {
      MaxParallel: 1,
      Canary: 1,
      MinHealthyTime: 5_000_000_000,
      HealthyDeadline: 60_000_000_000,
      AutoPromote: false,
      AutoRevert: true,
      HealthCheck: null,
      ProgressDeadline: null,
      Stagger: null,
    });
    const g = group(job);
    assert.equal(g.Name, "web");
    assert.equal(g.Count, 2);
    assert.equal(g.Networks![0]!.Mode, "host");
    assert.deepEqual(g.Networks![0]!.DynamicPorts, [{ Label: "http", Value: 0, To: 0, HostNetwork: "" }]);
    assert.equal(g.Networks![0]!.ReservedPorts, null);
    const s = g.Services![0]!;
    assert.equal(s.Name, "web");
    assert.equal(s.PortLabel, "http");
    assert.equal(s.Provider, "consul");
    assert.deepEqual(s.Tags, ["v2"]);
    assert.deepEqual(s.CanaryTags, ["canary"]);
    assert.deepEqual(s.Meta, { version: "2" });
    const c = s.Checks![0]!;
    assert.deepEqual([c.Type, c.Path, c.Interval, c.Timeout], ["http", "/health", 10_000_000_000, 2_000_000_000]);
    const t = g.Tasks![0]!;
    assert.equal(t.Name, "server");
    assert.equal(t.Driver, "raw_exec");
    assert.deepEqual(t.Config, { command: "/usr/bin/node", args: ["server.js", "--port", "${NOMAD_PORT_http}"] });
    assert.deepEqual(t.Env, { PORT: "${NOMAD_PORT_http}" });
    assert.equal(t.Resources?.CPU, 100);
    assert.equal(t.Resources?.MemoryMB, 128);
  });

  it("builds the register request with the submission", () => {
    const req = registerRequest(fixture("web.nomad.hcl"), { variables: { version: "3" } });
    assert.deepEqual(req.Submission, { Source: fixture("web.nomad.hcl"), Format: "hcl2", VariableFlags: { version: "3" }, Variables: "" });
    assert.deepEqual(req.Job.TaskGroups?.[0]?.Services?.[0]?.Tags, ["v3"]);
  });
});

describe("parseJobspec: blocks and values", () => {
  it("splits static ports into ReservedPorts and keeps `to` on dynamic ones", () => {
    const job = parseJobspec(`job "x" {
  group "g" {
    network {
      port "http" {}
      port "admin" {
        static = 9000
      }
      port "db" {
        to = 6379
      }
    }
  }
}`);
    const n = group(job).Networks![0]!;
    assert.deepEqual(n.ReservedPorts, [{ Label: "admin", Value: 9000, To: 0, HostNetwork: "" }]);
    assert.deepEqual(n.DynamicPorts, [
      { Label: "http", Value: 0, To: 0, HostNetwork: "" },
      { Label: "db", Value: 0, To: 6379, HostNetwork: "" },
    ]);
  });

  it("turns repeated blocks into arrays in source order", () => {
    const job = parseJobspec(`job "x" {
  group "a" {}
  group "b" {
    task "t1" {}
    task "t2" {}
    service {
      name = "s1"
    }
    service {
      name = "s2"
    }
  }
}`);
    assert.deepEqual(job.TaskGroups!.map((g) => g.Name), ["a", "b"]);
    assert.deepEqual(group(job, 1).Tasks!.map((t) => t.Name), ["t1", "t2"]);
    assert.deepEqual(group(job, 1).Services!.map((s) => s.Name), ["s1", "s2"]);
  });

  it("keeps config free-form: nested blocks become lists of objects", () => {
    const job = parseJobspec(`job "x" {
  group "g" {
    task "t" {
      driver = "raw_exec"
      config {
        command = "/bin/app"
        args    = ["-v"]
        mount {
          source = "/a"
        }
        mount {
          source = "/b"
        }
      }
    }
  }
}`);
    assert.deepEqual(task(job, "t").Config, { command: "/bin/app", args: ["-v"], mount: [{ source: "/a" }, { source: "/b" }] });
  });

  it("accepts env and meta as attributes with quoted keys", () => {
    const job = parseJobspec(`job "x" {
  meta = { "team.name" = "fx", owner = "me" }
  group "g" {
    task "t" {
      env = {
        "A.B" = "1"
        PORT  = 8080
      }
    }
  }
}`);
    assert.deepEqual(job.Meta, { "team.name": "fx", owner: "me" });
    assert.deepEqual(task(job, "t").Env, { "A.B": "1", PORT: "8080" });
  });

  it("maps constraint operators and the distinct_hosts shorthand", () => {
    const job = parseJobspec(`job "x" {
  constraint {
    attribute = "\${attr.kernel.name}"
    value     = "linux"
  }
  constraint {
    distinct_hosts = true
  }
  constraint {
    attribute = "\${meta.rack}"
    operator  = "regexp"
    value     = "r[0-9]"
  }
}`);
    assert.deepEqual(job.Constraints, [
      { LTarget: "${attr.kernel.name}", RTarget: "linux", Operand: "=" },
      { LTarget: "", RTarget: "", Operand: "distinct_hosts" },
      { LTarget: "${meta.rack}", RTarget: "r[0-9]", Operand: "regexp" },
    ]);
  });

  it("keeps template data as written and fills the CLI's template defaults", () => {
    const job = parseJobspec(`job "x" {
  group "g" {
    task "t" {
      template {
        data        = <<-EOT
          PORT={{ env "NOMAD_PORT_http" }}
          NODE=\${node.unique.name}
        EOT
        destination = "local/app.env"
        env         = true
      }
    }
  }
}`);
    const tpl = task(job, "t").Templates![0]!;
    assert.equal(tpl.EmbeddedTmpl, 'PORT={{ env "NOMAD_PORT_http" }}\nNODE=${node.unique.name}\n');
    assert.equal(tpl.DestPath, "local/app.env");
    assert.equal(tpl.Envvars, true);
    assert.equal(tpl.ChangeMode, "restart");
    assert.equal(tpl.Perms, "0644");
    assert.equal(tpl.Splay, 5_000_000_000);
    assert.equal(tpl.ErrMissingKey, false);
  });

  it("leaves every runtime reference form literal, and $${ escapes", () => {
    const job = parseJobspec(`job "x" {
  group "g" {
    task "t" {
      env {
        A = "\${attr.unique.network.ip-address}"
        B = "\${meta.zone}-\${node.unique.name}"
        C = "\${env["HOME"]}/x"
        D = "$\${var.not_a_reference}"
        E = "\${NOMAD_ALLOC_INDEX}"
      }
    }
  }
}`);
    assert.deepEqual(task(job, "t").Env, {
      A: "${attr.unique.network.ip-address}",
      B: "${meta.zone}-${node.unique.name}",
      C: '${env["HOME"]}/x',
      D: "${var.not_a_reference}",
      E: "${NOMAD_ALLOC_INDEX}",
    });
  });

  it("uses an explicit name over the label, and keeps the label as ID", () => {
    const job = parseJobspec(`job "web-v2" {
  name = "web"
  type = "batch"
  priority = 70
}`);
    assert.deepEqual([job.ID, job.Name, job.Type, job.Priority], ["web-v2", "web", "batch", 70]);
  });

  it("maps update, restart, reschedule, logs, kill_timeout and resources", () => {
    const job = parseJobspec(`job "x" {
  group "g" {
    update {
      max_parallel      = 2
      health_check      = "task_states"
      progress_deadline = "10m"
      auto_promote      = true
    }
    reschedule {
      attempts       = 5
      interval       = "1h"
      delay_function = "constant"
      unlimited      = false
    }
    task "t" {
      kill_timeout = "20s"
      kill_signal  = "SIGINT"
      logs {
        max_files     = 3
        max_file_size = 1
      }
      resources {
        cores      = 1
        memory     = 64
        memory_max = 128
      }
      restart {
        attempts = 0
        mode     = "fail"
      }
    }
  }
}`);
    const g = group(job);
    assert.equal(g.Update?.MaxParallel, 2);
    assert.equal(g.Update?.HealthCheck, "task_states");
    assert.equal(g.Update?.ProgressDeadline, 600_000_000_000);
    assert.equal(g.Update?.AutoPromote, true);
    assert.deepEqual(g.ReschedulePolicy, { Attempts: 5, Interval: 3_600_000_000_000, Delay: null, DelayFunction: "constant", MaxDelay: null, Unlimited: false });
    const t = task(job, "t");
    assert.equal(t.KillTimeout, 20_000_000_000);
    assert.equal(t.KillSignal, "SIGINT");
    assert.deepEqual(t.LogConfig, { MaxFiles: 3, MaxFileSizeMB: 1, Disabled: null });
    assert.equal(t.Resources?.Cores, 1);
    assert.equal(t.Resources?.CPU, null);
    assert.equal(t.Resources?.MemoryMaxMB, 128);
    assert.deepEqual(t.RestartPolicy, { Interval: null, Attempts: 0, Delay: null, Mode: "fail", RenderTemplates: null });
  });

  it("maps check headers, check_restart and canary_meta", () => {
    const job = parseJobspec(`job "x" {
  group "g" {
    service {
      canary_meta {
        canary = "true"
      }
      check {
        type   = "http"
        path   = "/"
        method = "POST"
        header {
          Authorization = ["Bearer x"]
        }
        check_restart {
          limit = 3
          grace = "30s"
        }
      }
    }
  }
}`);
    const s = group(job).Services![0]!;
    assert.deepEqual(s.CanaryMeta, { canary: "true" });
    assert.deepEqual(s.Checks![0]!.Header, { Authorization: ["Bearer x"] });
    assert.deepEqual(s.Checks![0]!.CheckRestart, { Limit: 3, Grace: 30_000_000_000, IgnoreWarnings: false });
  });
});
