/**
 * A clean agent restart (SIGTERM): the agent stops every task it runs on the way down (nothing is
 * left behind), and on the way back starts the same allocs again from scratch: same alloc IDs,
 * ports and Consul registrations, new processes, no restart counted, nothing duplicated.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { allocs, consulServices, deploymentReaches, live, registerJob, startNomadAgent, taskPids } from "./helpers.js";

test("after a clean restart the same allocs run again with fresh processes", { timeout: 60_000 }, async (t) => {
  const api = await startNomadAgent(t);
  await registerJob(api, { id: "web", count: 1 });
  await deploymentReaches(api, "web", 0, "successful");
  const [before] = live(await allocs(api, "web"));
  const pids = await taskPids(api.agent.dataDir);
  assert.equal(pids.length, 2);
  const service = (await consulServices(api, "web-svc")).get(before?.ID ?? "");

  await api.agent.process.stop();
  assert.deepEqual(await taskPids(api.agent.dataDir), [], "a stopped agent leaves no task running");
  await api.agent.restart();

  const after = await waitFor("the alloc running again", async () => {
    const as = await allocs(api, "web");
    return as.length === 1 && as[0]?.TaskStates?.app?.State === "running" && as[0]?.TaskStates?.app?.Events?.some((e) => e.Type === "Received") ? as : undefined;
  });
  assert.equal(after[0]?.ID, before?.ID);
  assert.equal(after[0]?.TaskStates?.app?.Restarts, 0);
  const now = await waitFor("two task processes", async () => {
    const p = await taskPids(api.agent.dataDir);
    return p.length === 2 ? p : undefined;
  });
  assert.ok(now.every((p) => !pids.includes(p)), "new processes");
  assert.deepEqual((await consulServices(api, "web-svc")).get(before?.ID ?? "")?.Port, service?.Port);
});
