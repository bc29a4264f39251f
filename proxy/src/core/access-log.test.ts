// With --access-log each listener writes one JSON line per answered request: the egress names the
// upstream and the version that answered, the ingress names this instance; the caller's trace id and
// request id appear, and a request without a traceparent is logged with the one the proxy sent on.
// Without the flag nothing is written.
import assert from "node:assert/strict";
import { test } from "node:test";
import { get } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

const TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

test("--access-log writes one line per request with ids, direction and destination", async (t) => {
  const discovery = new MemoryDiscovery();
  const rate = await startUpstream("v2");
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(rate, "v2")]);
  const lines: string[] = [];
  const proxy = await startProxy([...sidecarArgs("forex-web", app.port, ["forex-rate"], "v7"), "--access-log"], discovery, (l) => lines.push(l));
  t.after(async () => {
    await proxy.close();
    await Promise.all([rate.close(), app.close()]);
  });

  const traceparent = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
  const out = await get(`${proxy.url("egress")}/v1/latest?x=1`, { host: "forex-rate", traceparent, "x-request-id": "req-42" });
  assert.equal(out.status, 200);
  const inbound = await get(`${proxy.url("ingress")}/page`, { "x-request-id": "req-43" });
  assert.equal(inbound.status, 200);
  const missing = await get(`${proxy.url("egress")}/nope`, { host: "forex-converter" });
  assert.equal(missing.status, 404);

  assert.equal(lines.length, 3, lines.join(""));
  assert.ok(lines.every((l) => l.endsWith("\n")));
  const [egress, ingress, refused] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    { ...egress, time: undefined, duration_ms: undefined },
    {
      time: undefined,
      level: "info",
      msg: "access",
      service: "forex-web",
      version: "v7",
      alloc: "",
      component: "proxy-sidecar",
      listener: "egress",
      direction: "outbound",
      dst_service: "forex-rate",
      dst_version: "v2",
      method: "GET",
      path: "/v1/latest?x=1",
      status: 200,
      duration_ms: undefined,
      attempts: 1,
      request_id: "req-42",
      trace_id: TRACE_ID,
    },
  );
  assert.equal(typeof egress!.duration_ms, "number");
  assert.ok(!Number.isNaN(Date.parse(egress!.time as string)));

  // No traceparent came in: the line carries the one the app received.
  const sent = app.seen[0]?.traceparent;
  assert.match(String(sent), /^00-[0-9a-f]{32}-/);
  assert.equal(ingress!.trace_id, String(sent).slice(3, 35));
  assert.deepEqual([ingress!.listener, ingress!.direction, ingress!.dst_service, ingress!.dst_version, ingress!.request_id], ["ingress", "inbound", "forex-web", "v7", "req-43"]);
  // A refused request is logged too, with no version (nothing answered it).
  assert.deepEqual([refused!.status, refused!.dst_service, refused!.dst_version, refused!.attempts], [404, "", null, 0]);
});

test("without --access-log no access line is written", async (t) => {
  const discovery = new MemoryDiscovery();
  const app = await startUpstream("app");
  const lines: string[] = [];
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, []), discovery, (l) => lines.push(l));
  t.after(async () => {
    await proxy.close();
    await app.close();
  });
  assert.equal((await get(`${proxy.url("ingress")}/page`)).status, 200);
  assert.deepEqual(lines, []);
});
