import assert from "node:assert/strict";
import { test } from "node:test";
import { connectionListed, newRequestId, newTraceparent, readCookie, smugglingReason, validRequestId, validTraceparent, validVersion } from "./headers.js";

test("framing checks name the problem", () => {
  assert.equal(smugglingReason(["Host", "x", "Content-Length", "10"]), undefined);
  assert.equal(smugglingReason(["Transfer-Encoding", "Chunked"]), undefined);
  assert.equal(smugglingReason(["content-length", "1", "Content-Length", "1"]), "more than one Content-Length");
  assert.equal(smugglingReason(["Content-Length", "1", "Transfer-Encoding", "chunked"]), "both Content-Length and Transfer-Encoding");
  assert.equal(smugglingReason(["Transfer-Encoding", "chunked", "transfer-encoding", "chunked"]), "more than one Transfer-Encoding");
  assert.equal(smugglingReason(["Content-Length", "0x10"]), "Content-Length is not a number");
  assert.match(String(smugglingReason(["Transfer-Encoding", "identity"])), /not plain chunked/);
  assert.equal(smugglingReason(["Host", "a", "host", "b"]), "more than one Host");
});

test("cookies are found among others, with spaces", () => {
  assert.equal(readCookie("a=1; forex-version=v2; b=3", "forex-version"), "v2");
  assert.equal(readCookie("forex-version=v3", "forex-version"), "v3");
  assert.equal(readCookie("xforex-version=v3", "forex-version"), undefined);
  assert.equal(readCookie(undefined, "forex-version"), undefined);
});

test("override values must look like version names", () => {
  assert.equal(validVersion("v2.1-rc_1"), "v2.1-rc_1");
  assert.equal(validVersion("v2; drop"), undefined);
  assert.equal(validVersion(""), undefined);
});

test("Connection lists name extra hop-by-hop headers", () => {
  assert.deepEqual(connectionListed("keep-alive, X-Foo , close"), new Set(["x-foo"]));
  assert.equal(connectionListed("keep-alive"), undefined);
});

test("traceparents are validated and created per W3C Trace Context", () => {
  assert.equal(validTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), true);
  assert.equal(validTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"), false);
  assert.equal(validTraceparent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), false);
  const created = new Set(Array.from({ length: 500 }, newTraceparent));
  assert.equal(created.size, 500);
  for (const t of created) assert.equal(validTraceparent(t), true);
});

test("request ids: minted as 16 hex characters, distinct; accepted by the services' rule", () => {
  const ids = new Set(Array.from({ length: 1000 }, () => newRequestId()));
  assert.equal(ids.size, 1000);
  for (const id of ids) assert.match(id, /^[0-9a-f]{16}$/);
  assert.ok(validRequestId("client-req.42:1"));
  assert.ok(!validRequestId(undefined));
  assert.ok(!validRequestId(""));
  assert.ok(!validRequestId("a b"));
  assert.ok(!validRequestId("x".repeat(129)));
});
