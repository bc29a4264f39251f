/**
 * Blocking queries on the Nomad API: `?index=N` holds the request until the answer's index moves
 * past N (a register wakes a job list, a promotion-free deployment's progress wakes its reader),
 * answers at once when N is already behind, and on `wait` timeout answers 200 with the same index.
 * Every answer carries X-Nomad-Index (never 0), X-Nomad-KnownLeader and X-Nomad-LastContact.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Deployment, JobListStub } from "@forex-mesh/nomad-client";
import { sleep, waitFor } from "@forex-mesh/test-utils";
import { call, latestDeployment, registerJob, startNomadAgent } from "./helpers.js";

test("blocking reads wait for a change and wake when it happens", { timeout: 60_000 }, async (t) => {
  const api = await startNomadAgent(t);
  const empty = await fetch(`${api.nomad}/v1/jobs`);
  assert.equal(empty.headers.get("x-nomad-knownleader"), "true");
  assert.equal(empty.headers.get("x-nomad-lastcontact"), "0");
  const index0 = Number(empty.headers.get("x-nomad-index"));
  assert.ok(index0 >= 1, "never 0");
  assert.deepEqual(await empty.json(), []);

  let settled = false;
  const started = Date.now();
  const blocked = call<JobListStub[]>(`${api.nomad}/v1/jobs?index=${index0}&wait=20s`).then((r) => {
    settled = true;
    return r;
  });
  await sleep(300);
  assert.equal(settled, false, "the read is held while nothing changes");
  // Its check never passes, so the deployment is sure to change later: at the 3 s healthy deadline.
  await registerJob(api, { id: "blocky", count: 1, ready: "fail", healthyDeadline: "3s" });
  const woken = await blocked;
  assert.ok(Date.now() - started < 10_000);
  assert.ok(woken.index > index0);
  assert.deepEqual(
    woken.body.map((j) => j.ID),
    ["blocky"],
  );

  // The read woke on the register itself; the deployment comes with the evaluation right after.
  const d = await waitFor("blocky's deployment", () => latestDeployment(api, "blocky").then((x) => x ?? undefined));
  const dep = await call<Deployment>(`${api.nomad}/v1/deployment/${d.ID}?index=${d.ModifyIndex}&wait=20s`);
  assert.ok(dep.index > (d.ModifyIndex ?? 0), "the deployment reader woke on the deployment's progress");
  assert.ok((dep.body.ModifyIndex ?? 0) > (d.ModifyIndex ?? 0));

  const now = await call(`${api.nomad}/v1/jobs?index=1&wait=20s`);
  assert.ok(now.index > 1, "an index already behind answers at once");

  const quiet = await call(`${api.nomad}/v1/job/blocky/summary`);
  const t0 = Date.now();
  const timedOut = await call(`${api.nomad}/v1/job/blocky/versions?index=${(await call(`${api.nomad}/v1/job/blocky/versions`)).index}&wait=400ms`);
  assert.equal(timedOut.status, 200);
  assert.ok(Date.now() - t0 >= 390, "held for the wait time");
  assert.ok(quiet.index >= 1);
  assert.equal((await call(`${api.nomad}/v1/jobs?index=abc`)).text, "Invalid index");
});
