// Before any retry, spent budget or ejection, /metrics already exports those counters at 0 for
// every upstream (and every version discovered), so Prometheus' rates over them read 0, not absent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { get } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

test("resilience counters are exported at 0 from the start", async (t) => {
  const discovery = new MemoryDiscovery();
  const rate = await startUpstream("v3");
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(rate, "v3")]);
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate", "forex-converter"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([rate.close(), app.close()]);
  });
  const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
  for (const dst of ["forex-rate", "forex-converter"]) {
    for (const name of ["proxy_retries_total", "proxy_retry_budget_exhausted_total"]) {
      assert.match(metrics, new RegExp(`^${name}\\{service="forex-web",dst_service="${dst}"\\} 0$`, "m"), `${name} for ${dst}`);
    }
  }
  assert.match(metrics, /^proxy_endpoint_ejections_total\{service="forex-web",dst_service="forex-rate",dst_version="v3"\} 0$/m);
});

test("a sidecar's inbound answers are exported at 0 per outcome class before the first request", async (t) => {
  const discovery = new MemoryDiscovery();
  const app = await startUpstream("app");
  const proxy = await startProxy(sidecarArgs("forex-rate", app.port, [], "v2"), discovery);
  t.after(async () => {
    await proxy.close();
    await app.close();
  });
  const metrics = (await get(`${proxy.url("admin")}/metrics`)).text;
  for (const codeClass of ["2xx", "4xx", "5xx"]) {
    const labels = `direction="inbound",service="forex-rate",dst_service="forex-rate",dst_version="v2",code_class="${codeClass}"`;
    assert.match(metrics, new RegExp(`^proxy_requests_total\\{${labels}\\} 0$`, "m"), `requests ${codeClass}`);
    assert.match(metrics, new RegExp(`^proxy_request_duration_seconds_count\\{${labels}\\} 0$`, "m"), `duration ${codeClass}`);
  }
  assert.doesNotMatch(metrics, /code_class="1xx"/, "only the classes a success ratio needs");
  assert.doesNotMatch(metrics, /direction="outbound"[^}]*\} 0$/m, "outbound series appear with their first request");
});
