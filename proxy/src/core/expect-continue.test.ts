// A client that sends `Expect: 100-continue` (curl does for bodies over 1 KB) gets its 100 from
// the proxy and its body reaches the upstream; the Expect header itself is not forwarded.
import assert from "node:assert/strict";
import { request } from "node:http";
import { test } from "node:test";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

test("Expect: 100-continue is answered by the proxy and the body goes through", async (t) => {
  const discovery = new MemoryDiscovery();
  const upstream = await startUpstream("v1");
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(upstream, "v1")]);
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([upstream.close(), app.close()]);
  });

  const body = "x".repeat(4096);
  const { status, text, continued } = await new Promise<{ status: number; text: string; continued: boolean }>((resolve, reject) => {
    let continued = false;
    const req = request(`${proxy.url("egress")}/upload`, {
      method: "PUT",
      headers: { host: "forex-rate", expect: "100-continue", "content-length": body.length },
      agent: false,
    });
    req.on("continue", () => {
      continued = true;
      req.end(body);
    });
    req.on("response", (res) => {
      let text = "";
      res.on("data", (c: Buffer) => {
        text += c.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text, continued }));
    });
    req.on("error", reject);
  });
  assert.equal(continued, true, "no 100 Continue came back");
  assert.equal(status, 200, text);
  assert.equal(JSON.parse(text).body, body);
  assert.equal(upstream.seen[0]!.expect, undefined);
});
