// `job run` failures a person meets first, with nomad's wording and exit status 1: an HCL problem
// (named by file and line, before any HTTP), an undeclared -var, no agent at NOMAD_ADDR.
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { freePort } from "@forex-mesh/test-utils";
import { jobRun } from "../job/run.js";
import { capture, HELLO_JOB, helloVars } from "./helpers.js";

test("an HCL error names the file and line; nothing is sent", async () => {
  const dir = await mkdtemp(join(tmpdir(), "forex-cli-hcl-"));
  const file = join(dir, "bad.nomad.hcl");
  await writeFile(file, 'job "bad" {\n  group "g" {\n    vault {}\n  }\n}\n');
  process.env.NOMAD_ADDR = `http://127.0.0.1:${await freePort()}`;
  const r = await capture(jobRun, [file]);
  assert.equal(r.code, 1);
  assert.match(r.err, new RegExp(`^Error getting job struct: Error parsing job file from ${file}:\\n${file}:3 \\(in job "bad" > group "g"\\): .*vault`));
});

test("an undeclared -var is refused like nomad does", async () => {
  const r = await capture(jobRun, [...helloVars(), "-var", "colour=blue", HELLO_JOB]);
  assert.equal(r.code, 1);
  assert.match(r.err, /Undefined -var variable.*colour/);
});

test("no agent: Error submitting job, exit 1", async () => {
  process.env.NOMAD_ADDR = `http://127.0.0.1:${await freePort()}`;
  const r = await capture(jobRun, [...helloVars(), HELLO_JOB]);
  assert.equal(r.code, 1);
  assert.match(r.err, /^Error submitting job: /);
});

test("flags after the file are not flags, as in nomad", async () => {
  const r = await capture(jobRun, [HELLO_JOB, "-detach"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /This command takes one argument: <path>/);
  assert.match(r.err, /usage: forex-mesh job run/);
});
