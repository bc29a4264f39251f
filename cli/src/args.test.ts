import assert from "node:assert/strict";
import { test } from "node:test";
import { parseFlags, parseVarFlags, wantsHelp } from "./args.js";
import { CliError } from "./errors.js";

const runSpec = { detach: "bool", var: "list", "var-file": "list", verbose: "bool" } as const;

test("flags before the file, repeatable -var, -var-file, booleans", () => {
  const p = parseFlags(["-detach", "-var", "version=v2", "-var=count=3", "--var-file", "a.hcl", "-var-file=b.hcl", "web.nomad.hcl"], runSpec);
  assert.deepEqual(p.flags, { detach: true, var: ["version=v2", "count=3"], "var-file": ["a.hcl", "b.hcl"] });
  assert.deepEqual(p.positionals, ["web.nomad.hcl"]);
});

test("the first positional ends the flags, as Go's flag package does", () => {
  const p = parseFlags(["web.nomad.hcl", "-detach"], runSpec);
  assert.deepEqual(p.flags, {});
  assert.deepEqual(p.positionals, ["web.nomad.hcl", "-detach"]);
});

test("-- ends the flags and a lone - is a positional", () => {
  assert.deepEqual(parseFlags(["--", "-detach"], runSpec).positionals, ["-detach"]);
  assert.deepEqual(parseFlags(["-verbose", "-"], runSpec).positionals, ["-"]);
});

test("bool flags take =false and never eat the next argument", () => {
  const p = parseFlags(["-detach=false", "-verbose", "job.hcl"], runSpec);
  assert.deepEqual(p.flags, { detach: false, verbose: true });
  assert.deepEqual(p.positionals, ["job.hcl"]);
  assert.throws(() => parseFlags(["-detach=maybe"], runSpec), /invalid boolean value "maybe" for -detach/);
});

test("unknown flags, missing values and bad ints are usage errors with nomad's wording", () => {
  assert.throws(() => parseFlags(["-nope", "x"], runSpec), (e: unknown) => e instanceof CliError && e.code === "CLI_USAGE" && /flag provided but not defined: -nope/.test(e.message));
  assert.throws(() => parseFlags(["-var"], runSpec), /flag needs an argument: -var/);
  assert.throws(() => parseFlags(["-n", "ten"], { n: "int" }), /not an integer/);
  assert.throws(() => parseFlags(["---x"], runSpec), /bad flag syntax/);
  assert.deepEqual(parseFlags(["-n", "25", "a"], { n: "int" }).flags, { n: 25 });
});

test("-var values split at the first =", () => {
  assert.deepEqual(parseVarFlags(["a=b=c", "repo=/x", "empty="]), { a: "b=c", repo: "/x", empty: "" });
  assert.throws(() => parseVarFlags(["novalue"]), /expected NAME=VALUE/);
  assert.throws(() => parseVarFlags(["=v"]), /expected NAME=VALUE/);
});

test("help is noticed only among the flags", () => {
  assert.equal(wantsHelp(["-detach", "--help"]), true);
  assert.equal(wantsHelp(["-h"]), true);
  assert.equal(wantsHelp(["file.hcl", "-h"]), false);
  assert.equal(wantsHelp([]), false);
});
