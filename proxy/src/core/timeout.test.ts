// A slow upstream is cut at the table's timeoutMs with a JSON 504, within 150 ms of it (a real timer
// at the deadline, not undici's ~0.5 s-tick timeouts), and a retry only gets what is left of it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { get } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

const SLACK_MS = 150;
const SAMPLES = 4;

async function cutTimes(timeoutMs: number): Promise<{ took: number[]; seen: number }> {
  const discovery = new MemoryDiscovery();
  const slow = await startUpstream("v1", (_req, res) => {
    setTimeout(() => res.end("late"), timeoutMs + 3_000).unref();
  });
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(slow, "v1")]);
  discovery.setKey("forex-mesh/routes/forex-rate", JSON.stringify({ split: [{ version: "v1", weight: 100 }], timeoutMs }));
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  try {
    const took: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const started = performance.now();
      const reply = await get(`${proxy.url("egress")}/x`, { host: "forex-rate" });
      took.push(performance.now() - started);
      assert.equal(reply.status, 504, reply.text);
      assert.equal(reply.json<{ error: { code: string } }>().error.code, "upstream_timeout");
    }
    return { took, seen: slow.seen.length };
  } finally {
    await proxy.close();
    await Promise.all([slow.close(), app.close()]);
  }
}

for (const timeoutMs of [300, 1_000]) {
  test(`a ${timeoutMs} ms timeout answers 504 upstream_timeout within ${SLACK_MS} ms of it`, async () => {
    const { took, seen } = await cutTimes(timeoutMs);
    console.log(`# timeoutMs ${timeoutMs}: cut after ${took.map((ms) => ms.toFixed(0)).join(", ")} ms`);
    for (const ms of took) assert.ok(ms >= timeoutMs && ms <= timeoutMs + SLACK_MS, `cut after ${ms.toFixed(0)} ms`);
    assert.equal(seen, SAMPLES, "a timed-out request was retried");
  });
}

test("a retry gets only what is left of the deadline", async (t) => {
  const discovery = new MemoryDiscovery();
  // The first attempt answers 503 after 150 ms; the retry hangs.
  const upstream = await startUpstream("v1", (_req, res, n) => {
    if (n === 1) {
      setTimeout(() => {
        res.writeHead(503);
        res.end("busy");
      }, 150).unref();
    } else setTimeout(() => res.end("late"), 5_000).unref();
  });
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(upstream, "v1")]);
  discovery.setKey("forex-mesh/routes/forex-rate", JSON.stringify({ split: [{ version: "v1", weight: 100 }], timeoutMs: 400 }));
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([upstream.close(), app.close()]);
  });

  const started = performance.now();
  const reply = await get(`${proxy.url("egress")}/x`, { host: "forex-rate" });
  const took = performance.now() - started;
  assert.equal(reply.status, 504, reply.text);
  assert.equal(upstream.seen.length, 2, "the 503 was not retried");
  assert.ok(took >= 400 && took <= 400 + SLACK_MS, `cut after ${took.toFixed(0)} ms`);
});

test("answered requests leave no deadline timer behind", async (t) => {
  const discovery = new MemoryDiscovery();
  const fast = await startUpstream("v1");
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(fast, "v1")]);
  discovery.setKey("forex-mesh/routes/forex-rate", JSON.stringify({ split: [{ version: "v1", weight: 100 }], timeoutMs: 60_000 }));
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([fast.close(), app.close()]);
  });
  const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
  await get(`${proxy.url("egress")}/x`, { host: "forex-rate" });
  const before = timers();
  for (let i = 0; i < 50; i++) assert.equal((await get(`${proxy.url("egress")}/x`, { host: "forex-rate" })).status, 200);
  assert.ok(timers() <= before, `${timers() - before} more timers after 50 answered requests`);
});

test("the deadline covers waiting for the answer, not streaming its body", async (t) => {
  const discovery = new MemoryDiscovery();
  // Headers at once, then the body in four pieces over ~600 ms: twice the 300 ms timeout.
  const streaming = await startUpstream("v1", (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    let n = 0;
    const tick = setInterval(() => {
      n += 1;
      res.write(`part${n};`);
      if (n === 4) {
        clearInterval(tick);
        res.end();
      }
    }, 150);
  });
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(streaming, "v1")]);
  discovery.setKey("forex-mesh/routes/forex-rate", JSON.stringify({ split: [{ version: "v1", weight: 100 }], timeoutMs: 300 }));
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([streaming.close(), app.close()]);
  });
  const reply = await get(`${proxy.url("egress")}/x`, { host: "forex-rate" });
  assert.equal(reply.status, 200);
  assert.equal(reply.text, "part1;part2;part3;part4;");
});
