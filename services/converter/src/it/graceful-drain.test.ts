import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { listenOn } from "@forex-mesh/test-utils";
import { startConverter } from "./stack.js";

test("SIGTERM lets an in-flight conversion finish, then the process exits 0", async (t) => {
  // A stand-in forex-rate that answers after 600 ms, so a request is in flight when SIGTERM lands.
  const slowRate = createServer((_req, res) => {
    setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"date":"2026-04-13","rates":{"JPY":2}}'), 600);
  });
  const url = await listenOn(slowRate);
  t.after(() => slowRate.close());
  const converter = await startConverter({ FOREX_RATE_URL: url }, { ready: false });
  const pending = fetch(`${converter.url}/v1/convert?from=USD&to=JPY&amount=21`);
  await new Promise((r) => setTimeout(r, 200));
  const exited = converter.stop(5000);
  const response = await pending;
  assert.equal(response.status, 200);
  assert.equal(((await response.json()) as { result: string }).result, "42");
  assert.equal(await exited, 0);
});
