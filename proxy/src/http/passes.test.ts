// Each pass on a stub request (no sockets), as httpxy tests its request shaping.
import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import { test } from "node:test";
import { Registry } from "../deps.js";
import { createLogger } from "../log.js";
import { ProxyMetrics } from "../metrics.js";
import { Upstream } from "../upstream/upstream.js";
import type { ListenerContext } from "./context.js";
import { Exchange } from "./exchange.js";
import {
  chooseEndpoint,
  copyHeaders,
  forwardedHeaders,
  indexHeaders,
  propagateOverride,
  readOverride,
  refuseSmuggling,
  targetByHost,
  traceContext,
} from "./passes.js";

const log = createLogger("silent", {});

function setup(rawHeaders: string[], honourOverride = true) {
  const metrics = new ProxyMetrics(new Registry(), "forex-web");
  const upstream = new Upstream("forex-rate", metrics, log);
  const ctx: ListenerContext = {
    kind: "egress",
    honourOverride,
    overrideHeader: "x-forex-version",
    overrideCookie: "forex-version",
    upstreams: new Map([["forex-rate", upstream]]),
    fixedUpstream: undefined,
    app: undefined,
    clock: () => 1_000,
    wallClock: Date.now,
    faults: undefined,
    rand: () => 0.5,
    log,
  };
  const req = { rawHeaders, method: "GET", url: "/x", socket: { remoteAddress: "10.1.2.3" } } as unknown as IncomingMessage;
  const x = new Exchange(req, {} as ServerResponse, ctx);
  return { x, upstream };
}

const pairs = (headers: string[]) => Object.fromEntries(Array.from({ length: headers.length / 2 }, (_, i) => [headers[2 * i], headers[2 * i + 1]]));

test("refuseSmuggling stops a request with both Content-Length and Transfer-Encoding", () => {
  const { x } = setup(["Content-Length", "3", "Transfer-Encoding", "chunked"]);
  assert.equal(refuseSmuggling(x)?.code, "request_smuggling_refused");
  assert.equal(refuseSmuggling(setup(["Content-Length", "3"]).x), undefined);
});

test("indexHeaders records lower-case names and the values later passes need", () => {
  const { x } = setup(["HOST", "forex-rate:80", "Cookie", "a=1", "cookie", "b=2", "Transfer-Encoding", "chunked"]);
  indexHeaders(x);
  assert.deepEqual(x.lowerNames, ["host", "cookie", "cookie", "transfer-encoding"]);
  assert.equal(x.host, "forex-rate:80");
  assert.equal(x.cookie, "a=1; b=2");
  assert.equal(x.chunked, true);
  assert.equal(x.header("cookie"), "a=1");
});

test("targetByHost finds the upstream by Host without the port, case-insensitively", () => {
  const { x, upstream } = setup(["Host", "Forex-Rate:4002"]);
  indexHeaders(x);
  assert.equal(targetByHost(x), undefined);
  assert.equal(x.upstream, upstream);
  const other = setup(["Host", "forex-nothing"]).x;
  indexHeaders(other);
  assert.equal(targetByHost(other)?.code, "no_route");
  upstream.close();
});

test("readOverride prefers the header, falls back to the cookie, ignores junk, obeys the listener", () => {
  const read = (headers: string[], honour = true) => {
    const { x } = setup(headers, honour);
    indexHeaders(x);
    targetByHost(x);
    readOverride(x);
    return x.override;
  };
  assert.equal(read(["Host", "forex-rate", "X-Forex-Version", "v2", "Cookie", "forex-version=v3"]), "v2");
  assert.equal(read(["Host", "forex-rate", "Cookie", "forex-version=v3"]), "v3");
  assert.equal(read(["Host", "forex-rate", "x-forex-version", "v2;rm -rf"]), undefined);
  assert.equal(read(["Host", "forex-rate", "x-forex-version", "v2"], false), undefined);
});

test("copyHeaders drops hop-by-hop, Connection-listed and override headers, and sets XFF aside", () => {
  const { x } = setup([
    "Host", "forex-rate",
    "Connection", "keep-alive, X-Secret",
    "X-Secret", "1",
    "Keep-Alive", "timeout=5",
    "Transfer-Encoding", "chunked",
    "X-Forex-Version", "v2",
    "X-Forwarded-For", "1.1.1.1",
    "Accept", "application/json",
  ]);
  indexHeaders(x);
  targetByHost(x);
  readOverride(x);
  copyHeaders(x);
  assert.deepEqual(pairs(x.outHeaders), { Host: "forex-rate", Accept: "application/json" });
  assert.equal(x.forwardedFor, "1.1.1.1");
});

test("forwardedHeaders appends the peer and sets proto and host once", () => {
  const { x } = setup(["Host", "forex-rate", "X-Forwarded-For", "1.1.1.1", "X-Forwarded-Proto", "https"]);
  for (const pass of [indexHeaders, targetByHost, readOverride, copyHeaders, forwardedHeaders]) pass(x);
  const out = pairs(x.outHeaders);
  assert.equal(out["x-forwarded-for"], "1.1.1.1, 10.1.2.3");
  assert.equal(out["X-Forwarded-Proto"], "https");
  assert.equal(out["x-forwarded-proto"], undefined);
  assert.equal(out["x-forwarded-host"], "forex-rate");
});

test("traceContext keeps a valid traceparent and creates a missing one", () => {
  const valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  const kept = setup(["Host", "forex-rate", "traceparent", valid]).x;
  const created = setup(["Host", "forex-rate"]).x;
  for (const x of [kept, created]) for (const pass of [indexHeaders, targetByHost, readOverride, copyHeaders, traceContext]) pass(x);
  assert.deepEqual(kept.outHeaders.filter((h) => h.startsWith("00-")), [valid]);
  const fresh = created.outHeaders[created.outHeaders.indexOf("traceparent") + 1];
  assert.match(String(fresh), /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
});

test("propagateOverride sends the override on as the header, also when it came as a cookie", () => {
  const { x } = setup(["Host", "forex-rate", "Cookie", "forex-version=v2"]);
  for (const pass of [indexHeaders, targetByHost, readOverride, copyHeaders, propagateOverride]) pass(x);
  assert.equal(pairs(x.outHeaders)["x-forex-version"], "v2");
});

test("chooseEndpoint waits for discovery, then picks by the table", () => {
  const { x, upstream } = setup(["Host", "forex-rate"]);
  for (const pass of [indexHeaders, targetByHost]) pass(x);
  assert.equal(chooseEndpoint(x)?.code, "discovery_not_ready");
  upstream.applyInstances([]);
  assert.equal(chooseEndpoint(x)?.code, "no_healthy_endpoint");
  upstream.applyInstances([
    { id: "a", address: "127.0.0.1", port: 1, version: "v1", canary: false },
    { id: "b", address: "127.0.0.1", port: 2, version: "v2", canary: true },
  ]);
  upstream.applyKey({ value: '{"split":[{"version":"v1","weight":0},{"version":"v2","weight":100}]}', modifyIndex: 9 });
  assert.equal(chooseEndpoint(x), undefined);
  assert.equal(x.endpoint?.instance.id, "b");
  upstream.close();
});
