// Issue 6's proof, part 3 (promtool check rules is observability's own test): when every allocation
// of forex-rate is stopped through the Nomad API, the real ForexServiceNoHealthyInstance rule (for:
// 30s, unchanged) fires in real Prometheus for forex-rate within about a minute, because its callers'
// sidecars report 0 healthy instances and no instance answers a scrape any more.
// (forex-web's and forex-converter's readiness ask forex-rate's /healthz, so their instances turn
// unhealthy too and the alert fires for them a little later: reported as a diagnostic, see README.)
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ALERT } from "@forex-mesh/observability";
import { waitFor } from "@forex-mesh/test-utils";
import { runningAllocs } from "./logs.js";
import { type System, startSystem } from "./system.js";

let system: System;
before(async () => {
  system = await startSystem();
});
after(async () => {
  await system?.stop();
});

const STOPPED = "forex-rate";

test("stopping forex-rate's allocations fires the no-healthy-instance alert for forex-rate", { timeout: 150_000 }, async (t) => {
  const prom = system.prometheus;
  const alertName = ALERT.noHealthyInstance;
  // Before: the callers see both instances, and the alert is silent.
  await waitFor(
    "Prometheus to see forex-rate's two instances",
    async () => Number((await prom.query(`service:proxy_healthy_endpoints:max{service="${STOPPED}"}`))[0]?.value[1]) === 2,
    { timeoutMs: 30_000, intervalMs: 500 },
  );
  assert.deepEqual((await prom.alerts()).filter((a) => a.labels.alertname === alertName), []);
  assert.equal((await runningAllocs(system.nomad, STOPPED)).length, 2);

  await system.nomad.jobs.deregister(STOPPED);
  const stoppedAt = Date.now();
  await waitFor("forex-rate's allocations to stop", async () => (await runningAllocs(system.nomad, STOPPED)).length === 0, { timeoutMs: 30_000, intervalMs: 250 });

  const firing = await waitFor(
    `${alertName} to fire for ${STOPPED}`,
    async () => {
      const alert = (await prom.alerts()).find((a) => a.labels.alertname === alertName && a.labels.service === STOPPED && a.state === "firing");
      return alert;
    },
    { timeoutMs: 90_000, intervalMs: 1_000 },
  );
  t.diagnostic(`${alertName} fired for ${STOPPED} ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after the job stop`);
  assert.equal(firing.labels.severity, "critical");
  // Why it fired: the callers' sidecars still watch forex-rate and now see 0 passing instances (a
  // 0, not an absent series), and nothing of forex-rate is scraped any more.
  const healthy = await prom.query(`service:proxy_healthy_endpoints:max{service="${STOPPED}"}`);
  assert.deepEqual(
    healthy.map((s) => s.value[1]),
    ["0"],
  );
  assert.deepEqual(await prom.query(`service:up:sum{service="${STOPPED}"}`), []);
  const all = (await prom.alerts()).filter((a) => a.labels.alertname === alertName);
  t.diagnostic(`${alertName} states: ${all.map((a) => `${a.labels.service}=${a.state}`).join(", ")}`);
});
