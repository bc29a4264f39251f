import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { test } from "node:test";
import { freePort, listenOn } from "@forex-mesh/test-utils";
import { HttpError } from "./errors.js";
import { createUpstream } from "./upstream.js";

test("returns status and body text, sending the Host override and caller headers", async (t) => {
  let seen: IncomingHttpHeaders | undefined;
  const server = createServer((req, res) => {
    seen = req.headers;
    res.writeHead(404, { "content-type": "application/json" }).end('{"message":"nope"}');
  });
  const url = await listenOn(server);
  const upstream = createUpstream({ url, host: "forex-rate", timeoutMs: 1000, name: "forex-rate" });
  t.after(() => {
    upstream.close();
    server.close();
  });
  const response = await upstream.get("/v1/latest", { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" });
  assert.equal(response.status, 404);
  assert.equal(response.text, '{"message":"nope"}');
  assert.equal(seen?.host, "forex-rate");
  assert.equal(seen?.traceparent, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
});

test("nothing listening: 502 naming the upstream", async () => {
  const upstream = createUpstream({ url: `http://127.0.0.1:${await freePort()}`, timeoutMs: 1000, name: "forex-rate" });
  await assert.rejects(upstream.get("/v1/latest"), (error: unknown) => {
    assert.ok(error instanceof HttpError);
    assert.equal(error.status, 502);
    assert.equal(error.code, "UPSTREAM_UNAVAILABLE");
    assert.match(error.message, /forex-rate is unreachable/);
    return true;
  });
  upstream.close();
});

test("an upstream that trickles its body past the deadline: 504 on time", async (t) => {
  // Sends a byte every 50 ms, so a socket-idle timeout alone would never fire.
  const server = createServer((_req, res) => {
    res.writeHead(200);
    const timer = setInterval(() => res.write(" "), 50);
    res.on("close", () => clearInterval(timer));
  });
  const url = await listenOn(server);
  const upstream = createUpstream({ url, timeoutMs: 300, name: "forex-rate" });
  t.after(() => {
    upstream.close();
    server.closeAllConnections();
    server.close();
  });
  const started = Date.now();
  await assert.rejects(upstream.get("/v1/latest"), (error: unknown) => {
    assert.ok(error instanceof HttpError);
    assert.equal(error.status, 504);
    assert.equal(error.code, "UPSTREAM_TIMEOUT");
    return true;
  });
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 290 && elapsed < 1000, `took ${elapsed} ms`);
});

test("a body over maxBodyBytes is cut off as a bad response", async (t) => {
  const server = createServer((_req, res) => {
    res.writeHead(200).end(Buffer.alloc(2 * 1024 * 1024, 32));
  });
  const url = await listenOn(server);
  const upstream = createUpstream({ url, timeoutMs: 2000, name: "forex-rate", maxBodyBytes: 1024 * 1024 });
  t.after(() => {
    upstream.close();
    server.close();
  });
  await assert.rejects(upstream.get("/"), (error: unknown) => error instanceof HttpError && error.code === "UPSTREAM_BAD_RESPONSE");
});
