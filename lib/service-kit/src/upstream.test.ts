import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { freePort, listenOn } from "@forex-mesh/test-utils";
import { HttpError } from "./errors.js";
import { createUpstream } from "./upstream.js";

test("the Host override is sent and JSON is decoded", async (t) => {
  const server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ host: req.headers.host, path: req.url }));
  });
  const url = await listenOn(server);
  t.after(() => server.close());
  const upstream = createUpstream({ url, host: "forex-rate", timeoutMs: 1000, name: "forex-rate" });
  t.after(() => upstream.close());
  const res = await upstream.getJson<{ host: string; path: string }>("/v1/latest?base=USD");
  assert.deepEqual(res.body, { host: "forex-rate", path: "/v1/latest?base=USD" });
});

test("an unreachable upstream is a 502 and a slow one a 504", async (t) => {
  const closedPort = await freePort();
  const down = createUpstream({ url: `http://127.0.0.1:${closedPort}`, timeoutMs: 1000, name: "forex-rate" });
  await assert.rejects(down.getJson("/"), (e: unknown) => e instanceof HttpError && e.status === 502 && e.code === "UPSTREAM_UNAVAILABLE");
  down.close();

  const slowServer = createServer((_req, res) => {
    setTimeout(() => res.end("{}"), 500);
  });
  const url = await listenOn(slowServer);
  t.after(() => slowServer.closeAllConnections());
  t.after(() => slowServer.close());
  const slow = createUpstream({ url, timeoutMs: 100, name: "forex-rate" });
  t.after(() => slow.close());
  await assert.rejects(slow.getJson("/"), (e: unknown) => e instanceof HttpError && e.status === 504 && /100 ms/.test(e.message));
});
