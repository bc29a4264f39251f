import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, test } from "node:test";
import { type Service, startConverter, startRate, startWeb } from "./stack.js";

// A stand-in for a hung forex-rate (accepts connections, never answers): what a slow forex-rate
// looks like through a sidecar that delays /healthz too. forex-web calls it directly; the real
// converter sits on a real forex-rate, so only one dependency is slow.
const hung = createServer(() => {});
let rate: Service;
let converter: Service;
let web: Service;
before(async () => {
  await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
  const address = hung.address();
  if (address === null || typeof address === "string") throw new Error("no address");
  rate = await startRate();
  converter = await startConverter(rate.url);
  web = await startWeb({ converterUrl: converter.url, rateUrl: `http://127.0.0.1:${address.port}`, version: "v1", extra: { FOREX_RATE_TIMEOUT_MS: "2000" } });
});
after(async () => {
  await Promise.all([web?.stop(), converter?.stop(), rate?.stop()]);
  hung.close();
});

type Report = { state: string; status?: number; error?: string; pendingMs?: number };

async function readyz(): Promise<Record<string, Report>> {
  const started = Date.now();
  const response = await fetch(`${web.url}/readyz`);
  const elapsed = Date.now() - started;
  // Waiting on forex-rate would take its 2 s timeout, past the 1 s Consul check timeout.
  assert.ok(elapsed < 250, `/readyz answered after ${elapsed} ms`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { dependencies: Record<string, Report> }).dependencies;
}

test("forex-rate hangs: web stays ready, answering /readyz at once, and says forex-rate is slow and the converter up", async () => {
  const first = await readyz();
  assert.equal(first.forexRate?.state, "slow");
  assert.ok((first.forexRate?.pendingMs ?? 0) >= 90);
  assert.deepEqual([first.forexConverter?.state, first.forexConverter?.status], ["up", 200]);
  await new Promise((r) => setTimeout(r, 700));
  const later = await readyz();
  assert.equal(later.forexRate?.state, "slow");
  assert.match(later.forexRate?.error ?? "", /forex-rate did not answer within 500 ms/);
});
