import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { listenOn } from "@forex-mesh/test-utils";
import * as promClient from "prom-client";
import * as undici from "undici";
import { Counter, Gauge, Histogram, Pool, poolRequest, Registry } from "./deps.js";

test("the deep imports are the packages' public classes", () => {
  assert.equal(Pool, undici.Pool);
  assert.equal(Registry, promClient.Registry);
  assert.equal(Counter, promClient.Counter);
  assert.equal(Gauge, promClient.Gauge);
  assert.equal(Histogram, promClient.Histogram);
});

test("poolRequest sends a request through a pool built from the deep import", async (t) => {
  const server = createServer((req, res) => res.end(`${req.method} ${req.url}`));
  const url = await listenOn(server);
  const pool = new Pool(url);
  t.after(async () => {
    await pool.close();
    server.close();
  });
  const res = await poolRequest(pool, { method: "GET", path: "/probe?x=1" });
  assert.equal(res.statusCode, 200);
  assert.equal(await res.body.text(), "GET /probe?x=1");
});
