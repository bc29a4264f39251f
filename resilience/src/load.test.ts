import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { listenOn } from "@forex-mesh/test-utils";
import { meshGet, timedLoad } from "./load.js";

test("timedLoad sends on schedule and records each request's status, a failed send as 0", async () => {
  let n = 0;
  const { samples, startedAt, endedAt } = await timedLoad({
    rps: 50,
    durationMs: 200,
    send: async () => {
      n += 1;
      if (n === 3) throw new Error("refused");
      await new Promise((r) => setTimeout(r, 20));
      return 200;
    },
  });
  assert.equal(samples.length, 10);
  assert.deepEqual(
    samples.map((s) => s.status).sort(),
    [0, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  );
  // Open loop: the 10th request left about 180 ms after the first, not after 9 answers of 20 ms each.
  const sent = samples.map((s) => s.sentAt - startedAt).sort((a, b) => a - b);
  assert.ok(sent[9]! >= 170 && sent[9]! < 190 + 100, `last send at +${sent[9]} ms`);
  assert.ok(samples.filter((s) => s.status === 200).every((s) => s.ms >= 19), "latency covers the answer");
  assert.ok(endedAt >= startedAt + 180);
});

test("timedLoad stops sending when its signal aborts", async () => {
  const stop = new AbortController();
  setTimeout(() => stop.abort(), 100);
  const { samples } = await timedLoad({ rps: 100, durationMs: 10_000, send: async () => 200, signal: stop.signal });
  assert.ok(samples.length >= 8 && samples.length <= 13, `${samples.length} requests in 100 ms at 100/s`);
});

test("meshGet names the logical service in Host, as the apps do", async (t) => {
  const server = createServer((req, res) => {
    res.writeHead(req.headers.host === "forex-rate" && req.url === "/v1/latest" ? 200 : 404).end();
  });
  const port = Number(new URL(await listenOn(server)).port);
  // meshGet keeps its connections alive: close them, or close() waits for their idle timeout.
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  assert.equal(await meshGet(port, "forex-rate", "/v1/latest")(), 200);
  assert.equal(await meshGet(port, "forex-web", "/v1/latest")(), 404);
});
