import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { freePort } from "@forex-mesh/test-utils";
import { getJson, type Service, startConverter } from "./stack.js";

let converter: Service;
before(async () => {
  // Nothing listens on this port: forex-rate is down.
  converter = await startConverter({ FOREX_RATE_URL: `http://127.0.0.1:${await freePort()}` }, { ready: false });
});
after(() => converter?.stop());

test("forex-rate down: 502 JSON naming forex-rate, at once", async () => {
  const started = Date.now();
  const { status, body } = await getJson(`${converter.url}/v1/convert?from=USD&to=JPY&amount=1`);
  assert.equal(status, 502);
  assert.equal(body.code, "UPSTREAM_UNAVAILABLE");
  assert.match(String(body.message), /forex-rate is unreachable/);
  assert.ok(Date.now() - started < 1000);
});

test("forex-rate down: the converter stays ready (readiness is its own) and reports the dependency", async () => {
  const ready = await getJson(`${converter.url}/readyz`);
  assert.equal(ready.status, 200);
  const forexRate = (ready.body.dependencies as Record<string, { state: string; error?: string }>).forexRate;
  assert.equal(forexRate?.state, "down");
  assert.match(forexRate?.error ?? "", /forex-rate is unreachable/);
  assert.equal((await getJson(`${converter.url}/healthz`)).status, 200);
});
