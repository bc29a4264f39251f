/**
 * Per-feature cost of the request path in µs: each pass, the endpoint choice and the metrics
 * record, run in a loop on a realistic request (the headers a browser-facing app forwards), against
 * a baseline loop that only copies the headers. Pure CPU, no sockets, so it is stable on a busy
 * machine where the end-to-end figures are not. Not a test.
 *
 *   node --import tsx --conditions=@forex-mesh/source bench/passes.ts
 */
import { openSync, writeSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Registry } from "prom-client";
import type { ListenerContext } from "../src/http/context.js";
import { Exchange } from "../src/http/exchange.js";
import {
  chooseEndpoint,
  copyHeaders,
  forwardedHeaders,
  indexHeaders,
  type Pass,
  propagateOverride,
  readOverride,
  refuseSmuggling,
  targetByHost,
  traceContext,
} from "../src/http/passes.js";
import { accessLine } from "../src/http/access-log.js";
import { createLogger } from "../src/log.js";
import { ProxyMetrics } from "../src/metrics.js";
import { Upstream } from "../src/upstream/upstream.js";

const rawHeaders = [
  "Host", "forex-rate",
  "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  "Accept", "application/json",
  "Accept-Encoding", "gzip, deflate, br",
  "Accept-Language", "en-GB,en;q=0.9",
  "Connection", "keep-alive",
  "Cookie", "session=abc123; theme=dark",
  "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
  "x-request-id", "0d5f3b0e-8a8c-4a43-9d5c-8f1f6f1d9f0a",
  "x-forwarded-for", "203.0.113.7",
];
const req = { rawHeaders, method: "GET", url: "/v1/rates/latest?base=EUR", socket: { remoteAddress: "127.0.0.1" } } as unknown as IncomingMessage;
const res = {} as ServerResponse;

const metrics = new ProxyMetrics(new Registry(), "forex-web");
const log = createLogger("silent", {});
const upstream = new Upstream("forex-rate", metrics, log);
upstream.applyInstances([
  { id: "a", address: "127.0.0.1", port: 1, version: "v1", canary: false },
  { id: "b", address: "127.0.0.1", port: 2, version: "v1", canary: false },
  { id: "c", address: "127.0.0.1", port: 3, version: "v2", canary: true },
]);
upstream.applyKey({ value: '{"split":[{"version":"v1","weight":90},{"version":"v2","weight":10}]}', modifyIndex: 7 });
const ctx: ListenerContext = {
  kind: "egress",
  honourOverride: true,
  overrideHeader: "x-forex-version",
  overrideCookie: "forex-version",
  upstreams: new Map([["forex-rate", upstream]]),
  fixedUpstream: undefined,
  app: undefined,
  clock: () => performance.now(),
  wallClock: Date.now,
  faults: undefined,
  rand: Math.random,
  log,
};

const ordered: Array<[string, Pass]> = [
  ["refuseSmuggling", refuseSmuggling],
  ["indexHeaders", indexHeaders],
  ["targetByHost", targetByHost],
  ["readOverride", readOverride],
  ["copyHeaders", copyHeaders],
  ["forwardedHeaders", forwardedHeaders],
  ["traceContext", traceContext],
  ["propagateOverride", propagateOverride],
  ["chooseEndpoint", chooseEndpoint],
];

const N = 300_000;
/** ns per iteration of `body` on a fresh exchange that already went through the passes before `upTo`. */
function time(upTo: number, body: (x: Exchange) => void): number {
  const prepared: Exchange[] = [];
  const run = (): number => {
    prepared.length = 0;
    for (let i = 0; i < 1_000; i++) {
      const x = new Exchange(req, res, ctx);
      for (let p = 0; p < upTo; p++) ordered[p]![1](x);
      prepared.push(x);
    }
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 1_000; i++) body(prepared[i]!);
    return Number(process.hrtime.bigint() - t0);
  };
  for (let w = 0; w < 50; w++) run();
  let total = 0;
  for (let r = 0; r < N / 1_000; r++) total += run();
  return total / N;
}

const rows: Array<[string, number]> = [];
rows.push(["new Exchange (one object per request)", time(0, () => new Exchange(req, res, ctx))]);
for (const [i, [name, pass]] of ordered.entries()) rows.push([`pass ${name}`, time(i, (x) => void pass(x))]);
const series = metrics.series("outbound", "forex-rate", "v1");
rows.push(["metrics: request counter + histogram", time(0, () => series.record(200, 0.0012))]);
rows.push(["retry budget: count the request", time(0, () => upstream.budget.recordRequest(performance.now()))]);
// The exchange's own timer at the request's deadline, cleared when the answer comes (undici's
// timeouts tick every ~0.5 s, too coarse for a route timeout).
const noop = (): void => {};
rows.push(["deadline timer: setTimeout + clearTimeout", time(0, () => clearTimeout(setTimeout(noop, 30_000)))]);
// The access line as --access-log builds it (the write itself goes to a pipe the dev agent drains).
const accessBase = { service: "forex-web", version: "v1", alloc: "5c2b9f1e-0d4a-4f7e-9b1a-2f6d8e3c7a90", component: "proxy-sidecar" };
let accessBytes = 0;
rows.push([
  "access log line (--access-log; off by default)",
  time(8, (x) => {
    accessBytes += accessLine(
      accessBase,
      { kind: "egress", method: "GET", path: x.req.url, dstService: "forex-rate", dstVersion: "v1", status: 200, durationMs: 1.2345, attempts: 1, requestId: x.header("x-request-id"), traceparent: x.traceparent },
      Date.now(),
    ).length;
  }),
]);
const devNull = openSync("/dev/null", "w");
const sampleLine = accessLine(accessBase, { kind: "egress", method: "GET", path: "/", dstService: "forex-rate", dstVersion: "v1", status: 200, durationMs: 1, attempts: 1, requestId: "r", traceparent: undefined }, 0);
rows.push(["access log write(2) of the line (to /dev/null)", time(0, () => void writeSync(devNull, sampleLine))]);
const baseline = time(0, () => {
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) out.push(rawHeaders[i]!, rawHeaders[i + 1]!);
});

console.log(`request-path cost per feature (ns; ${N} iterations each, ${rawHeaders.length / 2} request headers)`);
let sum = 0;
for (const [name, ns] of rows) {
  sum += ns;
  console.log(`  ${name.padEnd(48)}${ns.toFixed(0).padStart(7)} ns`);
}
console.log(`  ${"total".padEnd(48)}${sum.toFixed(0).padStart(7)} ns  (${(sum / 1000).toFixed(2)} µs)`);
console.log(`  ${"baseline: copy the headers into a new array".padEnd(48)}${baseline.toFixed(0).padStart(7)} ns`);
if (accessBytes === 0) throw new Error("access lines were not built");
upstream.close();
