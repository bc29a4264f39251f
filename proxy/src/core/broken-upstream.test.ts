// An upstream that breaks HTTP: a malformed answer becomes a JSON 502 upstream_error; an answer
// cut after its headers reaches the caller as a cut connection, never as a complete-looking body.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:net";
import { test } from "node:test";
import { get } from "../test/client.js";
import { sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

async function rawUpstream(answer: string): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    socket.once("data", () => socket.end(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as { port: number }).port };
}

test("malformed and truncated upstream answers", async (t) => {
  const malformed = await rawUpstream("HTTP/1.1 200 OK\r\nX-Bad: a\u0001b\r\nContent-Length: 2\r\n\r\nok");
  const truncated = await rawUpstream("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part");
  const app = await startUpstream("app");
  const discovery = new MemoryDiscovery();
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["bad-rate", "cut-rate"]), discovery);
  discovery.setInstances("bad-rate", [{ id: "m", address: "127.0.0.1", port: malformed.port, version: "v1", canary: false }]);
  discovery.setInstances("cut-rate", [{ id: "c", address: "127.0.0.1", port: truncated.port, version: "v1", canary: false }]);
  t.after(async () => {
    await proxy.close();
    malformed.server.close();
    truncated.server.close();
    await app.close();
  });

  const bad = await get(`${proxy.url("egress")}/`, { host: "bad-rate" });
  assert.equal(bad.status, 502);
  assert.equal(bad.json<{ error: { code: string } }>().error.code, "upstream_error");
  assert.match(bad.json<{ error: { message: string } }>().error.message, /Invalid header value char/);

  await assert.rejects(get(`${proxy.url("egress")}/`, { host: "cut-rate" }), "a truncated body looked complete");
});
