// Proof: a fault stops at its expiresAt without any KV write: the table stays, nothing is active,
// and requests to the faulty version's sidecar are clean again.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sleep, waitFor } from "@forex-mesh/test-utils";
import { get, load } from "../test/client.js";
import { putFaults, startFaultySidecar } from "./helpers.js";

test("once expiresAt passes, traffic to the faulty version is clean again", async (t) => {
  const { agent, proxy } = await startFaultySidecar(t);
  const expiresMs = Date.now() + 4_000;
  const revision = await putFaults(agent, "forex-rate", { faults: [{ version: "v2", latencyMs: 0, errorRatio: 1, expiresAt: new Date(expiresMs).toISOString() }] });
  await waitFor("fault table applied", async () => (await proxy.faults()).revision === revision);
  const during = await load(20, 4, () => get(`${proxy.url("ingress")}/rate`));
  assert.ok(Date.now() < expiresMs, "the machine was too slow to observe the fault before it expired");
  assert.ok(during.every((r) => r.status === 500), "the fault was not in force before expiry");

  await sleep(Math.max(0, expiresMs - Date.now()) + 50);
  const after = await load(50, 5, () => get(`${proxy.url("ingress")}/rate`));
  assert.ok(after.every((r) => r.status === 200 && r.headers["x-served-by"] === "v2"), "requests still fail after expiry");
  const view = await proxy.faults();
  assert.equal(view.revision, revision, "the table itself stays until someone rewrites it");
  assert.equal(view.active, null);
});
