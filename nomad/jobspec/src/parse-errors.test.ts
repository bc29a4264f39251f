import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JobspecError } from "./errors.js";
import { parseJobspec } from "./parse-jobspec.js";

describe("parseJobspec: errors name the file, line and block", () => {
  const fails = (src: string, pattern: RegExp, code?: string) => {
    assert.throws(
      () => parseJobspec(src, { filename: "bad.nomad.hcl" }),
      (e: unknown) => {
        assert.ok(e instanceof JobspecError, String(e));
        assert.match(e.message, pattern);
        if (code) assert.equal(e.code, code);
        return true;
      },
    );
  };

  it("rejects an unsupported block", () => {
    fails(
      `job "x" {\n  group "g" {\n    task "t" {\n      vault {\n        policies = ["a"]\n      }\n    }\n  }\n}`,
      /^bad\.nomad\.hcl:4 \(in job "x" > group "g" > task "t"\): Unsupported block type: blocks of type "vault"/,
      "JOBSPEC_UNSUPPORTED",
    );
  });

  it("rejects an unsupported attribute", () => {
    fails(`job "x" {\n  group "g" {\n    counts = 2\n  }\n}`, /^bad\.nomad\.hcl:3 \(in job "x" > group "g"\): Unsupported argument: an argument named "counts"/);
  });

  it("rejects a bad duration", () => {
    fails(`job "x" {\n  update {\n    min_healthy_time = "10 parsecs"\n  }\n}`, /:3 \(in job "x" > update\): .*"min_healthy_time" must be a duration/, "JOBSPEC_INVALID_VALUE");
  });

  it("rejects a file without exactly one job", () => {
    fails(`variable "a" {}`, /expected exactly one job block, found 0/, "JOBSPEC_STRUCTURE");
    fails(`job "a" {}\njob "b" {}`, /^bad\.nomad\.hcl:2: expected exactly one job block, found 2/);
  });

  it("rejects unknown top-level blocks, including the task shorthand", () => {
    fails(`task "x" {}`, /^bad\.nomad\.hcl:1: Unsupported block type: "task" is not expected at the top level/);
  });

  it("reports syntax errors with their line", () => {
    fails(`job "x" {\n  meta {\n    a = "unterminated\n  }\n}`, /^bad\.nomad\.hcl:3: unterminated string/, "JOBSPEC_SYNTAX");
    fails(`job "x" {\n  type = "service" priority = 50\n}`, /:2: expected a newline after "type"/);
    fails(`job "x" {\n  count = 1 + 1\n}`, /:2: unsupported operator "\+"/);
    fails(`job "x" {\n  group "g" {\n}`, /missing closing brace/);
  });

  it("rejects function calls and bare runtime references", () => {
    fails(`job "x" {\n  name = upper("x")\n}`, /:2.*function calls are not supported \(upper\)/, "JOBSPEC_UNSUPPORTED");
    fails(`job "x" {\n  name = NOMAD_JOB_ID\n}`, /:2.*unknown reference "NOMAD_JOB_ID"/);
    fails(`job "x" {\n  name = "\${lower(var.x)}"\n}`, /function calls are not supported \(lower\)/);
  });

  it("rejects a wrong value type", () => {
    fails(`job "x" {\n  group "g" {\n    count = "two"\n  }\n}`, /:3 .*"count" must be a whole number/);
    fails(`job "x" {\n  datacenters = "dc1"\n}`, /"datacenters" must be a list of strings/);
  });

  it("rejects the same block or attribute given twice", () => {
    fails(`job "x" {\n  update {}\n  update {}\n}`, /:3 \(in job "x" > update\): "update" is given more than once/);
    fails(`job "x" {\n  type = "a"\n  type = "b"\n}`, /:3: attribute "type" is set more than once/);
  });

  it("rejects dynamic blocks, template directives and unsupported variable arguments", () => {
    fails(`job "x" {\n  group "g" {\n    network {\n      dynamic "port" {\n        for_each = ["a"]\n      }\n    }\n  }\n}`, /:4 \(in job "x" > group "g" > network\): Unsupported block type: blocks of type "dynamic"/);
    fails(`job "x" {\n  meta {\n    a = "%{ if true }x%{ endif }"\n  }\n}`, /:3: template directives \(%\{ \.\.\. \}\) are not supported/, "JOBSPEC_UNSUPPORTED");
    fails(`variable "v" {\n  validation {\n    condition = true\n  }\n}\njob "x" {}`, /:2 \(in variable "v"\): unsupported block "validation"/);
  });

  it("rejects a labelled block without its label", () => {
    fails(`job "x" {\n  group {}\n}`, /:2 \(in job "x" > group\): a group block needs exactly one label/);
  });
});
