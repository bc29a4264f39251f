import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createNomadClient } from "./client.js";
import { configFromEnv } from "./config.js";
import { indexHeaders, type MockNomad, startMockNomad } from "./testing/mock-nomad.js";

describe("blocking queries against a mock of Nomad", () => {
  let nomad: MockNomad;
  let client: ReturnType<typeof createNomadClient>;
  let index = 10;
  let status = "running";
  const waiters: (() => void)[] = [];
  before(async () => {
    nomad = await startMockNomad();
    client = createNomadClient(configFromEnv({ NOMAD_ADDR: nomad.address }));
    // Plays Nomad's rule: answer at once unless index >= current, then wait for a change or the wait time.
    nomad.on("GET /v1/deployment/d1", async (req) => {
      const want = Number(req.query.index ?? 0);
      if (want >= index) {
        const waitMs = Number((req.query.wait ?? "300000ms").replace("ms", ""));
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return { headers: indexHeaders(index), body: { ID: "d1", Status: status, ModifyIndex: index } };
    });
  });
  after(() => nomad.close());

  it("sends index and wait, and returns the unchanged index when the wait runs out", async () => {
    const first = await client.deployments.info("d1");
    assert.equal(first.meta.lastIndex, 10);
    const started = Date.now();
    const again = await client.deployments.info("d1", { waitIndex: first.meta.lastIndex, waitTime: 300 });
    assert.ok(Date.now() - started >= 250, "the call blocked for about the wait time");
    assert.deepEqual(nomad.requests.at(-1)!.query, { index: "10", wait: "300ms" });
    assert.equal(again.meta.lastIndex, 10);
    assert.equal(again.meta.knownLeader, true);
  });

  it("wakes up with the new index and data when the deployment changes", async () => {
    const pending = client.deployments.info("d1", { waitIndex: 10, waitTime: 30_000 });
    await new Promise((r) => setTimeout(r, 50));
    index = 11;
    status = "successful";
    for (const wake of waiters.splice(0)) wake();
    const { data, meta } = await pending;
    assert.equal(meta.lastIndex, 11);
    assert.equal(data.Status, "successful");
  });

  it("lets the caller abort a blocking query", async () => {
    const ctl = new AbortController();
    const pending = client.deployments.info("d1", { waitIndex: 11, waitTime: 60_000, signal: ctl.signal });
    setTimeout(() => ctl.abort(), 50);
    await assert.rejects(pending, { name: "AbortError" });
    for (const wake of waiters.splice(0)) wake();
  });
});
