import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, test } from "node:test";
import { getJson, type Service, startConverter } from "./stack.js";

// A stand-in for a hung forex-rate: accepts connections and never answers. (The real forex-rate
// can be slowed with its fault knob too, but only by whole requests; this also covers a dead peer.)
const hung = createServer(() => {});
let converter: Service;
before(async () => {
  await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
  const address = hung.address();
  if (address === null || typeof address === "string") throw new Error("no address");
  converter = await startConverter({ FOREX_RATE_URL: `http://127.0.0.1:${address.port}`, FOREX_RATE_TIMEOUT_MS: "400" }, { ready: false });
});
after(async () => {
  await converter?.stop();
  hung.close();
});

test("forex-rate too slow: 504 JSON within FOREX_RATE_TIMEOUT_MS", async () => {
  const started = Date.now();
  const { status, body } = await getJson(`${converter.url}/v1/convert?from=USD&to=JPY&amount=1`);
  const elapsed = Date.now() - started;
  assert.equal(status, 504);
  assert.equal(body.code, "UPSTREAM_TIMEOUT");
  assert.match(String(body.message), /forex-rate did not answer within 400 ms/);
  assert.ok(elapsed >= 390 && elapsed < 1400, `answered after ${elapsed} ms`);
});

test("forex-rate hangs: /readyz still answers 200 at once (readiness never waits on it) and says forex-rate is slow", async () => {
  type Report = { state: string; error?: string; pendingMs?: number };
  const readyz = async () => {
    const started = Date.now();
    const { status, body } = await getJson(`${converter.url}/readyz`);
    const elapsed = Date.now() - started;
    // Waiting on forex-rate would take its 400 ms timeout, the bug this guards against.
    assert.ok(elapsed < 250, `/readyz answered after ${elapsed} ms`);
    assert.equal(status, 200);
    return (body.dependencies as Record<string, Report>).forexRate;
  };
  const first = await readyz();
  assert.equal(first?.state, "slow", "the probe it started is overdue");
  assert.ok((first?.pendingMs ?? 0) >= 90);
  // Past the probe's 500 ms timeout, the next answer carries the reason.
  await new Promise((r) => setTimeout(r, 700));
  const later = await readyz();
  assert.equal(later?.state, "slow");
  assert.match(later?.error ?? "", /forex-rate did not answer within 500 ms/);
});
