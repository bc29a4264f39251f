/**
 * Static ports on the one node: a second job asking for a static port a running alloc holds does
 * not fit, so its eval reports the placement failure (`FailedTGAllocs`, what makes `nomad job run`
 * exit 2) and a blocked eval waits; once the holder stops, the blocked eval places the alloc.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Evaluation } from "@forex-mesh/nomad-client";
import { freePort, waitFor } from "@forex-mesh/test-utils";
import { allocs, call, live, registerJob, startNomadAgent } from "./helpers.js";

test("a static port collision blocks the placement until the port is free", { timeout: 60_000 }, async (t) => {
  const api = await startNomadAgent(t);
  const port = await freePort();
  await registerJob(api, { id: "holder", count: 1, staticPort: port });
  await waitFor("the holder running", async () => live(await allocs(api, "holder")).length === 1);

  const reg = await registerJob(api, { id: "wanter", count: 1, staticPort: port });
  const ev = await waitFor("the eval to complete", async () => {
    const e = (await call<Evaluation>(`${api.nomad}/v1/evaluation/${reg.EvalID}`)).body;
    return e.Status === "complete" ? e : undefined;
  });
  assert.ok(ev.FailedTGAllocs?.g, "the placement failure is reported");
  assert.ok(ev.BlockedEval);
  assert.equal((await allocs(api, "wanter")).length, 0);

  assert.equal((await call(`${api.nomad}/v1/job/holder`, { method: "DELETE" })).status, 200);
  const [placed] = await waitFor("the blocked placement to run", async () => {
    const running = live(await allocs(api, "wanter"));
    return running.length === 1 ? running : undefined;
  }, { timeoutMs: 20_000 });
  assert.equal(placed?.Name, "wanter.g[0]");
});
