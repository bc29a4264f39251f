// Hop-by-hop headers (and those named in Connection) are not forwarded either way; X-Forwarded-For
// gains the caller; proto/host are set once; a valid traceparent passes unchanged and a missing or
// malformed one is replaced by a new valid one.
import assert from "node:assert/strict";
import { type IncomingMessage, request } from "node:http";
import { test } from "node:test";
import { get } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

test("headers are rewritten as a proxy must", async (t) => {
  const discovery = new MemoryDiscovery();
  const upstream = await startUpstream("v1", (_req, res) => {
    res.writeHead(200, { "keep-alive": "timeout=99", "x-secret-hop": "1", connection: "x-secret-hop", "x-end": "kept" });
    res.end("ok");
  });
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(upstream, "v1")]);
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([upstream.close(), app.close()]);
  });

  const trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  // node:http, because undici will not send a Connection header that lists other headers.
  const reply = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(`${proxy.url("egress")}/x`, {
      headers: {
        host: "forex-rate",
        connection: "keep-alive, x-drop-me",
        "x-drop-me": "secret",
        "proxy-authorization": "Basic abc",
        te: "trailers",
        "x-forwarded-for": "203.0.113.7",
        traceparent: trace,
        "x-keep": "yes",
      },
      agent: false,
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res);
    });
    req.on("error", reject);
    req.end();
  });
  assert.equal(reply.statusCode, 200);
  assert.equal(reply.headers["x-end"], "kept");
  assert.equal(reply.headers["x-secret-hop"], undefined, "a response header named in Connection leaked");
  const seen = upstream.seen[0]!;
  assert.equal(seen["x-drop-me"], undefined);
  assert.equal(seen["proxy-authorization"], undefined);
  assert.equal(seen.te, undefined);
  assert.equal(seen["x-keep"], "yes");
  assert.equal(seen["x-forwarded-for"], "203.0.113.7, 127.0.0.1");
  assert.equal(seen["x-forwarded-proto"], "http");
  assert.equal(seen["x-forwarded-host"], "forex-rate");
  assert.equal(seen.traceparent, trace);

  await get(`${proxy.url("egress")}/x`, { host: "forex-rate", traceparent: "00-nothex-01" });
  await get(`${proxy.url("egress")}/x`, { host: "forex-rate" });
  const [malformed, missing] = [upstream.seen[1]!.traceparent, upstream.seen[2]!.traceparent];
  for (const created of [malformed, missing]) {
    assert.match(String(created), /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  }
  assert.notEqual(malformed, missing);
});
