// Bodies stream both ways: a 2 MB chunked upload reaches the app intact through the ingress, and
// a large response comes back byte for byte through the egress.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { test } from "node:test";
import { request } from "undici";
import { client } from "../test/client.js";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

test("large bodies pass through unchanged", async (t) => {
  const big = Buffer.alloc(2 * 1024 * 1024, "forex-");
  const discovery = new MemoryDiscovery();
  const echo = async (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    res.writeHead(200, { "x-received-sha": sha(Buffer.concat(chunks)) });
    res.end(big);
  };
  const app = await startUpstream("app", (req, res) => void echo(req, res));
  const rate = await startUpstream("v1", (req, res) => void echo(req, res));
  discovery.setInstances("forex-rate", [instance(rate, "v1")]);
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([app.close(), rate.close()]);
  });

  // A stream without a length goes out chunked.
  const chunks = Readable.from(
    (function* () {
      for (let i = 0; i < big.length; i += 65_536) yield big.subarray(i, i + 65_536);
    })(),
  );
  const up = await request(`${proxy.url("ingress")}/upload`, { method: "POST", body: chunks, dispatcher: client });
  assert.equal(up.statusCode, 200);
  assert.equal(up.headers["x-received-sha"], sha(big));
  assert.equal(sha(Buffer.from(await up.body.arrayBuffer())), sha(big));

  const down = await request(`${proxy.url("egress")}/download`, { method: "PUT", body: big, headers: { host: "forex-rate" }, dispatcher: client });
  assert.equal(down.statusCode, 200);
  assert.equal(down.headers["x-received-sha"], sha(big));
  assert.equal(sha(Buffer.from(await down.body.arrayBuffer())), sha(big));
});
