import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import * as contract from "@forex-mesh/rollout/schema";

const here = dirname(fileURLToPath(import.meta.url));

test("@forex-mesh/rollout/schema resolves and carries the contract", () => {
  assert.equal(contract.rolloutSpecKey("forex-rate"), "forex-mesh/rollouts/forex-rate/spec");
  assert.equal(typeof contract.validateRolloutSpec, "function");
  assert.equal(contract.RolloutErrorCode.Invalid, "rollout_invalid");
});

test("the contract's modules import nothing but zod and each other, so a writer does not load the controller", () => {
  for (const file of ["kv.ts", "schema.ts", "parse.ts", "errors.ts"]) {
    const source = readFileSync(join(here, file), "utf8");
    const imports = [...source.matchAll(/from "([^"]+)"/g)].map((m) => m[1]!);
    for (const spec of imports) assert.ok(spec === "zod" || spec.startsWith("./"), `${file} imports ${spec}`);
    for (const spec of imports.filter((s) => s.startsWith("./"))) {
      assert.ok(["./errors.js", "./parse.js", "./schema.js"].includes(spec), `${file} imports ${spec}`);
    }
  }
});
