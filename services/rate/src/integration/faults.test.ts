import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startRateApp } from "../testing/servers.js";
import { closeClient, get } from "./http.js";

after(() => closeClient());

test("FOREX_FAULT_ERROR_RATIO answers injected 500s for the chosen share of requests, never on health", async () => {
  const draws = [0.1, 0.9, 0.2, 0.7];
  let i = 0;
  const app = await startRateApp({ deps: { faults: { errorRatio: 0.5, latencyMs: 0, random: () => draws[i++ % draws.length]! } } });
  try {
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await get(app.url, "/v1/latest?symbols=USD")).status);
    assert.deepEqual(statuses, [500, 200, 500, 200]);
    const fault = await get(app.url, "/v1/latest");
    assert.equal((fault.json() as { code: string }).code, "FAULT_INJECTED");
    for (let n = 0; n < 4; n++) assert.equal((await get(app.url, "/readyz")).status, 200);
  } finally {
    await app.close();
  }
});

test("FOREX_FAULT_LATENCY_MS delays answers but not health checks", async () => {
  const app = await startRateApp({ deps: { faults: { errorRatio: 0, latencyMs: 150 } } });
  try {
    let started = performance.now();
    assert.equal((await get(app.url, "/v1/latest?symbols=USD")).status, 200);
    assert.ok(performance.now() - started >= 140);
    started = performance.now();
    await get(app.url, "/healthz");
    assert.ok(performance.now() - started < 140);
  } finally {
    await app.close();
  }
});

test("/readyz turns 503 while draining", async () => {
  let draining = false;
  const app = await startRateApp({ deps: { draining: () => draining } });
  try {
    assert.equal((await get(app.url, "/readyz")).status, 200);
    draining = true;
    const answer = await get(app.url, "/readyz");
    assert.deepEqual([answer.status, answer.json()], [503, { status: "draining" }]);
  } finally {
    await app.close();
  }
});
