import assert from "node:assert/strict";
import { test } from "node:test";
import { appendBounded, splitLines, toLogRow } from "./logs";

test("toLogRow: a JSON access line shows time, level, msg, status and trace id; other fields as key=value", () => {
  const row = toLogRow(
    '{"time":"2026-11-25T01:02:03.456Z","level":"info","service":"forex-rate","msg":"request","method":"GET","path":"/v1/latest","status":200,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","duration_ms":1.5}',
  );
  assert.deepEqual(
    { time: row.time, level: row.level, msg: row.msg, status: row.status, traceId: row.traceId, rest: row.rest },
    { time: "01:02:03.456", level: "info", msg: "request", status: 200, traceId: "4bf92f3577b34da6a3ce929d0e0e4736", rest: "method=GET path=/v1/latest duration_ms=1.5" },
  );
});

test("toLogRow: numeric pino levels and epoch times are made readable", () => {
  const row = toLogRow('{"time":0,"level":50,"msg":"boom","err":{"code":"E"}}');
  assert.equal(row.time, "00:00:00.000");
  assert.equal(row.level, "error");
  assert.equal(row.rest, 'err={"code":"E"}');
});

test("toLogRow: non-JSON and non-object lines are kept verbatim", () => {
  for (const raw of ["plain text", "{not json", "[1,2]"]) {
    const row = toLogRow(raw);
    assert.equal(row.raw, raw);
    assert.equal(row.msg, null);
    assert.equal(row.level, null);
  }
});

test("splitLines: complete lines out, the partial tail kept for the next chunk, CRLF and blanks dropped", () => {
  const a = splitLines("", "one\r\ntw");
  assert.deepEqual(a, { lines: ["one"], pending: "tw" });
  const b = splitLines(a.pending, "o\n\nthree\n");
  assert.deepEqual(b, { lines: ["two", "three"], pending: "" });
});

test("appendBounded keeps the newest rows", () => {
  assert.deepEqual(appendBounded([1, 2, 3], [4, 5], 3), [3, 4, 5]);
  assert.deepEqual(appendBounded([1], [2], 3), [1, 2]);
});
