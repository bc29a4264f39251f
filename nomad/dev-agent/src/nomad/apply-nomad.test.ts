import assert from "node:assert/strict";
import { test } from "node:test";
import type { Allocation, Job } from "@forex-mesh/scheduler";
import { apply } from "../store/apply.js";
import { decodeSnapshot, encodeSnapshot } from "../store/codec.js";
import { emptyState } from "../store/types.js";
import { TOPIC_NOMAD_ALLOCS, TOPIC_NOMAD_JOBS, TRACKED_VERSIONS } from "./state.js";

const job = (version: number, extra: Partial<Job> = {}): Job => ({ ID: "web", Namespace: "default", Type: "service", Priority: 50, Version: version, TaskGroups: [], ...extra });
const alloc = (id: string): Allocation => ({ ID: id, JobID: "web", Namespace: "default" }) as Allocation;

test("a job write stamps indexes; JobModifyIndex moves only when the spec changed", () => {
  const s = emptyState();
  const r = apply(s, { type: "nomad-write", jobs: [{ job: job(0), newVersion: true, specChanged: true }] });
  assert.deepEqual(r.topics, [TOPIC_NOMAD_JOBS]);
  assert.equal(s.nomad.jobs.get("default/web")?.JobModifyIndex, 1);
  apply(s, { type: "nomad-write", jobs: [{ job: { ...job(0), Stable: true }, newVersion: false, specChanged: false }] });
  const stored = s.nomad.jobs.get("default/web");
  assert.equal(stored?.ModifyIndex, 2);
  assert.equal(stored?.JobModifyIndex, 1);
  assert.equal(stored?.CreateIndex, 1);
  assert.equal(s.nomad.versions.get("default/web")?.length, 1, "the same version is replaced, not added");
});

test("versions are kept newest first, at most six", () => {
  const s = emptyState();
  for (let v = 0; v < 9; v++) apply(s, { type: "nomad-write", jobs: [{ job: job(v), newVersion: true, specChanged: true }] });
  assert.deepEqual(
    s.nomad.versions.get("default/web")?.map((j) => j.Version),
    [8, 7, 6, 5, 4, 3],
  );
  assert.equal(TRACKED_VERSIONS, 6);
  // Marking an old version stable leaves the current job alone.
  apply(s, { type: "nomad-write", jobs: [{ job: { ...job(5), Stable: true }, newVersion: false, specChanged: false }] });
  assert.equal(s.nomad.jobs.get("default/web")?.Version, 8);
  assert.equal(s.nomad.versions.get("default/web")?.find((j) => j.Version === 5)?.Stable, true);
});

test("alloc patches merge into the stored alloc and stamp DeploymentStatus.ModifyIndex", () => {
  const s = emptyState();
  apply(s, { type: "nomad-write", allocs: [{ ...alloc("a1"), ClientStatus: "pending", DeploymentStatus: null }] });
  const r = apply(s, {
    type: "nomad-write",
    allocPatches: [
      { ID: "a1", patch: { ClientStatus: "running" } },
      { ID: "missing", patch: { ClientStatus: "running" } },
    ],
  });
  assert.deepEqual(r.topics, [TOPIC_NOMAD_ALLOCS]);
  apply(s, { type: "nomad-write", allocPatches: [{ ID: "a1", patch: { DeploymentStatus: { Healthy: true, Timestamp: "x", Canary: false } } }] });
  const a = s.nomad.allocs.get("a1");
  assert.equal(a?.ClientStatus, "running");
  assert.equal(a?.CreateIndex, 1);
  assert.equal(a?.ModifyIndex, 3);
  assert.equal(a?.DeploymentStatus?.ModifyIndex, 3);
  assert.equal(s.nomad.allocs.has("missing"), false);
});

test("a purge drops the job, its versions and submissions; the snapshot round-trips the Nomad state", () => {
  const s = emptyState();
  apply(s, {
    type: "nomad-write",
    jobs: [{ job: job(0), newVersion: true, specChanged: true, submission: { Source: "job {}", Format: "hcl2", VariableFlags: null, Variables: "" } }],
    allocs: [alloc("a1")],
  });
  const copy = decodeSnapshot(encodeSnapshot(s));
  assert.deepEqual(copy.nomad, s.nomad);
  apply(s, { type: "nomad-write", purgeJobs: [{ Namespace: "default", ID: "web" }] });
  assert.equal(s.nomad.jobs.size, 0);
  assert.equal(s.nomad.versions.size, 0);
  assert.equal(s.nomad.submissions.size, 0);
  assert.equal(s.nomad.allocs.size, 1, "allocs stay until garbage collection");
});

test("a snapshot written before the Nomad half existed decodes with an empty Nomad state", () => {
  const json = JSON.parse(encodeSnapshot(emptyState()));
  delete json.nomad;
  const state = decodeSnapshot(JSON.stringify(json));
  assert.equal(state.nomad.jobs.size, 0);
});
