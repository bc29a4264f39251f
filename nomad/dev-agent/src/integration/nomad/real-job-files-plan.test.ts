/**
 * The repository's real job files (nomad/jobs/*.nomad.hcl), parsed the way `nomad job run` does,
 * are accepted by the agent's plan endpoint: every group would place its `count` allocs and the
 * diff names the job as added. (Planning starts no process, so this runs without built services.)
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseJobspec } from "@forex-mesh/jobspec";
import type { JobPlanResponse } from "@forex-mesh/nomad-client";
import { call, startNomadAgent } from "./helpers.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../..");
const jobsDir = join(repo, "nomad/jobs");

test("every job file of the repository plans cleanly on the agent", { timeout: 30_000 }, async (t) => {
  const api = await startNomadAgent(t);
  const files = (await readdir(jobsDir)).filter((f) => f.endsWith(".nomad.hcl"));
  assert.ok(files.length >= 4, files.join());
  for (const file of files) {
    const job = parseJobspec(await readFile(join(jobsDir, file), "utf8"), { filename: file, variables: { repo } });
    const plan = await call<JobPlanResponse>(`${api.nomad}/v1/job/${job.ID}/plan`, { method: "PUT", body: { Job: job, Diff: true } });
    assert.equal(plan.status, 200, `${file}: ${plan.text}`);
    assert.equal(plan.body.Diff?.Type, "Added", file);
    for (const g of job.TaskGroups ?? []) {
      assert.equal(plan.body.Annotations?.DesiredTGUpdates?.[g.Name ?? ""]?.Place, g.Count ?? 1, `${file} group ${g.Name}`);
    }
  }
});
