// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL sources hold Nomad runtime interpolations as literal text.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalizeJob } from "./canonicalize.js";
import { compareGroups, isDestructiveUpdate } from "./destructive.js";
import { diffJobs } from "./diff.js";
import { fixture } from "./fixtures/index.js";
import { parseJobspec } from "./parse-jobspec.js";
import type { Job } from "./types.js";

const forex = (variables: Record<string, string> = {}, edit: (src: string) => string = (s) => s): Job =>
  canonicalizeJob(parseJobspec(edit(fixture("forex-rate.nomad.hcl")), { variables: { repo: "/r", ...variables } }));

describe("diffJobs", () => {
  it("reports None for identical jobs, even when server bookkeeping differs", () => {
    const a = forex();
    const b = { ...forex(), Version: 3, ModifyIndex: 99, SubmitTime: 123 };
    assert.deepEqual(diffJobs(a, b), { Type: "None", ID: "forex-rate", Fields: null, Objects: null, TaskGroups: null });
  });

  it("reports an added job with every field Added", () => {
    const d = diffJobs(null, forex());
    assert.equal(d.Type, "Added");
    assert.equal(d.TaskGroups?.[0]?.Type, "Added");
    assert.ok(d.Fields?.some((f) => f.Name === "Priority" && f.Type === "Added" && f.New === "50"));
    assert.deepEqual(
      d.TaskGroups![0]!.Tasks!.map((t) => [t.Name, t.Type]),
      [
        ["app", "Added"],
        ["sidecar", "Added"],
      ],
    );
  });

  it("reports a deleted job", () => {
    assert.equal(diffJobs(forex(), null).Type, "Deleted");
  });

  it("shows a version bump as meta, env, tag and config edits", () => {
    const d = diffJobs(forex({ version: "v1" }), forex({ version: "v2" }));
    assert.equal(d.Type, "Edited");
    assert.deepEqual(d.Fields, [{ Type: "Edited", Name: "Meta[version]", Old: "v1", New: "v2", Annotations: null }]);
    const g = d.TaskGroups![0]!;
    assert.equal(g.Type, "Edited");
    const svc = g.Objects!.find((o) => o.Name === "Service")!;
    assert.equal(svc.Type, "Edited");
    const tags = svc.Objects!.find((o) => o.Name === "Tags")!;
    assert.deepEqual(tags.Fields, [
      { Type: "Deleted", Name: "Tags", Old: "version=v1", New: "", Annotations: null },
      { Type: "Added", Name: "Tags", Old: "", New: "version=v2", Annotations: null },
    ]);
    const app = g.Tasks!.find((t) => t.Name === "app")!;
    assert.deepEqual(app.Fields, [{ Type: "Edited", Name: "Env[VERSION]", Old: "v1", New: "v2", Annotations: null }]);
    assert.deepEqual(app.Annotations, ["forces create/destroy update"]);
    assert.equal(
      g.Tasks!.find((t) => t.Name === "sidecar"),
      undefined,
      "the sidecar's own spec did not change",
    );
  });

  it("annotates count changes and flattens task config", () => {
    const d = diffJobs(
      forex(),
      forex({}, (s) => s.replace("count = 2", "count = 5").replace('"${var.repo}/services/rate/dist/main.js"', '"x.js", "--fast"')),
    );
    const g = d.TaskGroups![0]!;
    assert.deepEqual(g.Fields, [{ Type: "Edited", Name: "Count", Old: "2", New: "5", Annotations: ["forces create"] }]);
    const cfg = g.Tasks!.find((t) => t.Name === "app")!.Objects!.find((o) => o.Name === "Config")!;
    assert.deepEqual(cfg.Fields, [
      { Type: "Edited", Name: "args[0]", Old: "/r/services/rate/dist/main.js", New: "x.js", Annotations: null },
      { Type: "Added", Name: "args[1]", Old: "", New: "--fast", Annotations: null },
    ]);
  });

  it("reports added and removed groups, tasks, ports and checks", () => {
    const b = forex({}, (s) =>
      s
        .replace('port "admin" {}', 'port "admin" {\n        static = 9000\n      }')
        .replace('task "sidecar" {', 'task "extra" {\n      driver = "raw_exec"\n    }\n    task "sidecar" {'),
    );
    b.TaskGroups!.push({ ...structuredClone(b.TaskGroups![0]!), Name: "rate-b" });
    const d = diffJobs(forex(), b);
    const g = d.TaskGroups!.find((x) => x.Name === "rate")!;
    assert.deepEqual(
      g.Tasks!.map((t) => [t.Name, t.Type]),
      [["extra", "Added"]],
    );
    const net = g.Objects!.find((o) => o.Name === "Network")!;
    assert.deepEqual(
      net.Objects!.map((o) => [o.Name, o.Type]),
      [
        ["Dynamic Port", "Deleted"],
        ["Static Port", "Added"],
      ],
    );
    assert.equal(d.TaskGroups!.find((x) => x.Name === "rate-b")!.Type, "Added");
  });

  it("reports update strategy edits as an Update object", () => {
    const d = diffJobs(forex(), forex({}, (s) => s.replace("canary       = 2", "canary       = 1")));
    const upd = d.TaskGroups![0]!.Objects!.find((o) => o.Name === "Update")!;
    assert.deepEqual(upd.Fields, [{ Type: "Edited", Name: "Canary", Old: "2", New: "1", Annotations: null }]);
  });
});

describe("isDestructiveUpdate", () => {
  const group = (j: Job) => j.TaskGroups![0]!;
  const cmp = (a: Job, b: Job) => compareGroups(group(a), group(b), { oldJob: a, newJob: b });

  it("treats identical groups as no update", () => {
    assert.deepEqual(cmp(forex(), forex()), { kind: "none" });
  });

  it("does not destroy allocations for a count change", () => {
    const b = forex({}, (s) => s.replace("count = 2", "count = 4"));
    assert.equal(isDestructiveUpdate(group(forex()), group(b)), false);
    assert.deepEqual(cmp(forex(), b), { kind: "in-place" });
  });

  it("applies service tag, check, restart and update changes in place, as Nomad does", () => {
    const edits = [
      (s: string) => s.replace('"canary"]', '"canary", "blue"]'),
      (s: string) => s.replace('interval = "5s"', 'interval = "7s"'),
      (s: string) => s.replace("attempts = 3", "attempts = 4"),
      (s: string) => s.replace("auto_revert  = true", "auto_revert  = false"),
      (s: string) => s.replace('kill_timeout = "10s"', 'kill_timeout = "30s"'),
    ];
    for (const edit of edits) assert.deepEqual(cmp(forex(), forex({}, edit)), { kind: "in-place" }, edit.toString());
  });

  it("destroys allocations when what a task runs changes", () => {
    const cases: [(s: string) => string, string][] = [
      [(s) => s.replace('command = "node"', 'command = "bun"'), 'task "app" config'],
      [(s) => s.replace('PORT    = "${NOMAD_PORT_app}"', 'PORT    = "1"'), 'task "app" env'],
      [(s) => s.replace("memory = 128", "memory = 256"), 'task "app" resources'],
      [(s) => s.replace('hook    = "prestart"', 'hook    = "poststart"'), 'task "sidecar" lifecycle'],
      [(s) => s.replace('port "egress" {}', 'port "egress" {\n        to = 81\n      }'), "network"],
      [(s) => s.replace('driver = "raw_exec"', 'driver = "exec"'), 'task "app" driver'],
    ];
    for (const [edit, reason] of cases) assert.deepEqual(cmp(forex(), forex({}, edit)), { kind: "destructive", reason });
  });

  it("sees a job meta change (var.version) as destructive through the combined task meta", () => {
    const [a, b] = [forex({ version: "v1" }), forex({ version: "v2" })];
    assert.deepEqual(cmp(a, b), { kind: "destructive", reason: 'task "app" env' });
    const onlyMeta = structuredClone(a);
    onlyMeta.Meta = { version: "v9" };
    assert.deepEqual(cmp(a, onlyMeta), { kind: "destructive", reason: 'task "app" meta' });
  });

  it("is destructive when the affinities in force change, at job or task level", () => {
    const b = structuredClone(forex());
    b.Affinities = [{ LTarget: "${node.datacenter}", RTarget: "dc1", Operand: "=", Weight: 50 }];
    assert.deepEqual(cmp(forex(), b), { kind: "destructive", reason: "affinities" });
    const c = structuredClone(forex());
    c.TaskGroups![0]!.Tasks![1]!.Affinities = [{ LTarget: "${meta.rack}", RTarget: "r1", Operand: "=", Weight: 10 }];
    assert.deepEqual(cmp(forex(), c), { kind: "destructive", reason: "affinities" });
  });

  it("is destructive when tasks are added or removed", () => {
    const b = structuredClone(forex());
    b.TaskGroups![0]!.Tasks!.pop();
    assert.deepEqual(cmp(forex(), b), { kind: "destructive", reason: "number of tasks" });
  });
});
