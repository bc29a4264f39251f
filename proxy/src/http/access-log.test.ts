import assert from "node:assert/strict";
import { test } from "node:test";
import { accessLine, createAccessLog, traceIdOf } from "./access-log.js";

const base = { service: "forex-edge", version: "", alloc: "a1", component: "proxy-edge" };
const entry = {
  kind: "edge" as const,
  method: "GET",
  path: "/",
  dstService: "forex-web",
  dstVersion: "v1",
  status: 502,
  durationMs: 1.23456,
  attempts: 2,
  requestId: undefined,
  traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
};

test("an access line is one JSON object with the trace id, rounded duration and nulls for unknowns", () => {
  const line = accessLine(base, entry, Date.UTC(2026, 0, 2, 3, 4, 5));
  assert.ok(line.endsWith("}\n"));
  const o = JSON.parse(line);
  assert.equal(o.time, "2026-01-02T03:04:05.000Z");
  assert.equal(o.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  assert.equal(o.request_id, null);
  assert.equal(o.duration_ms, 1.235);
  assert.deepEqual([o.listener, o.direction, o.dst_service, o.dst_version, o.status, o.attempts, o.alloc], ["edge", "outbound", "forex-web", "v1", 502, 2, "a1"]);
});

test("traceIdOf reads only a full traceparent", () => {
  assert.equal(traceIdOf(undefined), null);
  assert.equal(traceIdOf("00-abc"), null);
  assert.equal(traceIdOf(entry.traceparent), "4bf92f3577b34da6a3ce929d0e0e4736");
});

test("createAccessLog writes through the given sink with the injected clock", () => {
  const lines: string[] = [];
  createAccessLog(base, (l) => lines.push(l), () => 0)(entry);
  assert.equal(lines.length, 1);
  assert.equal(JSON.parse(lines[0]!).time, "1970-01-01T00:00:00.000Z");
});

test("the time keeps milliseconds across cached seconds, and caller-sent strings are escaped", () => {
  const t = Date.UTC(2026, 0, 2, 3, 4, 5);
  for (const ms of [0, 7, 42, 999, 1_000, 61_001]) assert.equal(JSON.parse(accessLine(base, entry, t + ms)).time, new Date(t + ms).toISOString());
  const odd = JSON.parse(accessLine(base, { ...entry, path: '/a"b\\c\n', requestId: "\u0001x" }, t));
  assert.equal(odd.path, '/a"b\\c\n');
  assert.equal(odd.request_id, "\u0001x");
  assert.equal(odd.time, "2026-01-02T03:04:05.000Z");
});
