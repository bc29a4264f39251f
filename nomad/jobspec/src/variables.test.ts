// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Nomad runtime interpolations such as ${NOMAD_PORT_http} are literal text in job JSON.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JobspecError } from "./errors.js";
import { parseJobspec } from "./parse-jobspec.js";

const SRC = `variable "version" {
  type        = string
  default     = "v1"
  description = "what is deployed"
}
variable "count" {
  type    = number
  default = 1
}
variable "canary" {
  type    = bool
  default = false
}
variable "dcs" {
  type    = list(string)
  default = ["dc1"]
}
variable "repo" {
  type = string
}
locals {
  image = "\${var.repo}/bin/app-\${var.version}"
  tags  = ["v=\${var.version}", "static"]
}
job "app" {
  datacenters = var.dcs
  meta {
    version = var.version
  }
  group "g" {
    count = var.count
    service {
      tags = local.tags
    }
    task "t" {
      config {
        command = local.image
        args    = ["--port", "\${NOMAD_PORT_http}", "--version=\${var.version}"]
      }
      meta {
        canary = var.canary
      }
    }
  }
}
`;

const parse = (opts: Parameters<typeof parseJobspec>[1] = {}) =>
  parseJobspec(SRC, { filename: "app.nomad.hcl", ...opts, variables: { repo: "/r", ...opts.variables } });

describe("variables", () => {
  it("uses defaults, and resolves var.* and local.* everywhere", () => {
    const job = parse();
    assert.deepEqual(job.Datacenters, ["dc1"]);
    assert.deepEqual(job.Meta, { version: "v1" });
    const g = job.TaskGroups![0]!;
    assert.equal(g.Count, 1);
    assert.deepEqual(g.Services![0]!.Tags, ["v=v1", "static"]);
    assert.deepEqual(g.Tasks![0]!.Config, { command: "/r/bin/app-v1", args: ["--port", "${NOMAD_PORT_http}", "--version=v1"] });
    assert.deepEqual(g.Tasks![0]!.Meta, { canary: "false" });
  });

  it("converts -var strings by the declared type", () => {
    const job = parse({ variables: { count: "3", canary: "true", dcs: '["a", "b"]', version: "v2" } });
    assert.equal(job.TaskGroups![0]!.Count, 3);
    assert.deepEqual(job.Datacenters, ["a", "b"]);
    assert.deepEqual(job.TaskGroups![0]!.Tasks![0]!.Meta, { canary: "true" });
    assert.deepEqual(job.Meta, { version: "v2" });
  });

  it("applies default < NOMAD_VAR_ env < var files in order < -var", () => {
    const env = { NOMAD_VAR_version: "from-env", NOMAD_VAR_undeclared: "ignored", PATH: "/bin" };
    assert.deepEqual(parse({ env }).Meta, { version: "from-env" });
    const varFiles = ['version = "file1"\ncount = 2', 'version = "file2"'];
    const job = parse({ env, varFiles });
    assert.deepEqual(job.Meta, { version: "file2" });
    assert.equal(job.TaskGroups![0]!.Count, 2);
    assert.deepEqual(parse({ env, varFiles, variables: { version: "flag" } }).Meta, { version: "flag" });
  });

  it("rejects an undeclared -var like Nomad", () => {
    assert.throws(() => parse({ variables: { verison: "v2" } }), {
      name: "JobspecError",
      code: "JOBSPEC_VARIABLE",
      message: /^Undefined -var variable: A "verison" variable was passed in the command line but was not found in known variables/,
    });
  });

  it("rejects an undeclared name in a var file, naming the file and line", () => {
    assert.throws(() => parse({ varFiles: ['version = "x"\nfoo = 1'] }), {
      message: /^<var-file 1>:2: Undefined variable: A "foo" variable was set/,
    });
  });

  it("rejects a used variable without a value", () => {
    assert.throws(
      () => parseJobspec(SRC, { filename: "app.nomad.hcl" }),
      (e: unknown) => e instanceof JobspecError && /^app\.nomad\.hcl:\d+: Unset variable "repo"/.test(e.message),
    );
  });

  it("rejects a reference to an undeclared variable", () => {
    assert.throws(() => parseJobspec(`job "x" {\n  name = var.nope\n}`, { filename: "f.hcl" }), {
      message: /^f\.hcl:2.*Reference to undeclared input variable "nope"/,
    });
  });

  it("rejects a value that does not fit the declared type", () => {
    assert.throws(() => parse({ variables: { count: "many" } }), { message: /Invalid value for variable "count": a number is required/ });
    assert.throws(() => parse({ varFiles: ['dcs = "dc1"'] }), { message: /<var-file 1>:1: Invalid value for variable "dcs"/ });
  });

  it("rejects a local that refers to itself", () => {
    assert.throws(() => parseJobspec(`locals {\n  a = local.a\n}\njob "x" {\n  name = local.a\n}`), { message: /local\.a refers to itself/ });
  });
});
