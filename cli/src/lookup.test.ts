import assert from "node:assert/strict";
import { test } from "node:test";
import { CliError } from "./errors.js";
import { allocs, jobList } from "./fixtures/api.js";
import { pickByUuidPrefix, pickJob, sanitizeUuidPrefix } from "./lookup.js";

const row = (a: { ID?: string }) => a.ID ?? "";

test("UUID prefixes lose dashes and an odd last digit", () => {
  assert.equal(sanitizeUuidPrefix("8ba85cef-aa"), "8ba85cefaa");
  assert.equal(sanitizeUuidPrefix("8ba85cef-a"), "8ba85cef");
  assert.equal(sanitizeUuidPrefix("8ba"), "8b");
});

test("one match by prefix, with or without dashes", () => {
  assert.equal(pickByUuidPrefix("allocation", "8ba8", allocs, row, "ID").ID, allocs[0]!.ID);
  assert.equal(pickByUuidPrefix("allocation", "9c0d1e2f-aaaa", allocs, row, "ID").ID, allocs[1]!.ID);
  assert.equal(pickByUuidPrefix("allocation", "9c0d1e2faaaa", allocs, row, "ID").ID, allocs[1]!.ID);
});

test("no match and several matches are errors that say which", () => {
  assert.throws(() => pickByUuidPrefix("allocation", "ff", allocs, row, "ID"), (e: unknown) => e instanceof CliError && e.code === "CLI_NOT_FOUND" && e.message === 'No allocation(s) with prefix or ID "ff" found');
  const twins = [{ ID: "ab12-1" }, { ID: "ab12-2" }];
  assert.throws(() => pickByUuidPrefix("deployment", "ab", twins, row, "ID"), (e: unknown) => e instanceof CliError && e.code === "CLI_AMBIGUOUS" && /Prefix matched multiple deployments\n\nID\nab12-1\nab12-2/.test(e.message));
});

test("jobs: an exact ID wins over other prefix matches", () => {
  const jobs = [{ ID: "forex-web" }, { ID: "forex-web-canary" }];
  assert.equal(pickJob("forex-web", jobs).ID, "forex-web");
  assert.equal(pickJob("forex-r", jobList.slice(1)).ID, "forex-rate");
  assert.throws(() => pickJob("forex", jobs), /Prefix matched multiple jobs/);
  assert.throws(() => pickJob("nope", []), /No job\(s\) with prefix or ID "nope" found/);
});
