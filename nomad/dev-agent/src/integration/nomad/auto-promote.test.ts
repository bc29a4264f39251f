/**
 * `auto_promote = true`: once every canary is healthy the deployment promotes itself (no API
 * call), the old allocs are replaced and the canaries' Consul tags go back to the normal ones.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { allocs, consulServices, deploymentReaches, live, registerJob, startNomadAgent } from "./helpers.js";

test("healthy canaries are promoted automatically when auto_promote is set", { timeout: 60_000 }, async (t) => {
  const api = await startNomadAgent(t);
  await registerJob(api, { id: "auto", count: 1, canary: 1, autoPromote: true });
  await deploymentReaches(api, "auto", 0, "successful");
  const [old] = live(await allocs(api, "auto"));

  await registerJob(api, { id: "auto", count: 1, canary: 1, autoPromote: true, version: "v2" });
  const d = await deploymentReaches(api, "auto", 1, "successful");
  assert.equal(d.TaskGroups?.g?.Promoted, true);
  const canary = d.TaskGroups?.g?.PlacedCanaries?.[0] ?? "";
  assert.ok(canary);
  const services = await waitFor("only the promoted canary, with normal tags", async () => {
    const s = await consulServices(api, "auto-svc");
    return s.size === 1 && s.get(canary)?.Tags.join() === "mesh" ? s : undefined;
  });
  assert.equal(services.get(canary)?.Meta.version, "v2");
  const after = await allocs(api, "auto");
  assert.equal(after.find((a) => a.ID === old?.ID)?.DesiredStatus, "stop");
});
