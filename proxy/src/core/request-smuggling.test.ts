// Request-smuggling shapes are refused with a JSON 400 before anything is forwarded: both
// Content-Length and Transfer-Encoding, two Content-Lengths (even equal), a Transfer-Encoding that
// is not plain chunked, a non-numeric length, a second Host. Oversized headers get 431. Raw
// sockets, because a well-behaved client cannot send these.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { test } from "node:test";
import { instance, sidecarArgs, startProxy, startUpstream } from "../test/harness.js";
import { MemoryDiscovery } from "../test/memory-discovery.js";

function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(request));
    let data = "";
    socket.on("data", (c) => {
      data += c.toString("latin1");
    });
    socket.on("close", () => resolve(data));
    socket.on("error", reject);
  });
}

const shapes: Array<[string, string]> = [
  ["CL + TE", "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"],
  ["TE + CL", "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n"],
  ["two equal CL", "Content-Length: 4\r\nContent-Length: 4\r\n\r\nabcd"],
  ["two different CL", "Content-Length: 4\r\nContent-Length: 5\r\n\r\nabcde"],
  ["TE not chunked", "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"],
  ["TE obfuscated", "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"],
  ["CL not a number", "Content-Length: +4\r\n\r\nabcd"],
  ["two Host headers", "Host: forex-converter\r\nContent-Length: 4\r\n\r\nabcd"],
];

test("ambiguous framing is refused and never reaches the upstream", async (t) => {
  const discovery = new MemoryDiscovery();
  const upstream = await startUpstream("v1");
  const app = await startUpstream("app");
  discovery.setInstances("forex-rate", [instance(upstream, "v1")]);
  const proxy = await startProxy(sidecarArgs("forex-web", app.port, ["forex-rate"]), discovery);
  t.after(async () => {
    await proxy.close();
    await Promise.all([upstream.close(), app.close()]);
  });

  for (const [name, tail] of shapes) {
    for (const port of [proxy.ports.egress!, proxy.ports.ingress!]) {
      const answer = await raw(port, `POST /x HTTP/1.1\r\nHost: forex-rate\r\n${tail}`);
      assert.match(answer, /^HTTP\/1\.1 400 /, `${name}: ${answer.slice(0, 80)}`);
      assert.match(answer, /"code":"(request_smuggling_refused|bad_request)"/, name);
    }
  }
  assert.equal(upstream.seen.length, 0);
  assert.equal(app.seen.length, 0);
});

test("headers over the limit get 431 as JSON", async (t) => {
  const discovery = new MemoryDiscovery();
  const app = await startUpstream("app");
  const proxy = await startProxy([...sidecarArgs("forex-web", app.port, []), "--max-header-bytes", "4096"], discovery);
  t.after(async () => {
    await proxy.close();
    await app.close();
  });
  const answer = await raw(proxy.ports.ingress!, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(8_000)}\r\n\r\n`);
  assert.match(answer, /^HTTP\/1\.1 431 /);
  assert.match(answer, /"code":"headers_too_large"/);
  assert.equal(app.seen.length, 0);
});
