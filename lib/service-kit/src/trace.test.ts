import assert from "node:assert/strict";
import { test } from "node:test";
import { continueTrace, formatTraceparent, parseTraceparent } from "./trace.js";

const valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

test("a valid traceparent is parsed and continued with a new span in the same trace", () => {
  const incoming = parseTraceparent(valid);
  assert.deepEqual(incoming, { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", flags: "01" });
  const next = continueTrace(incoming, (bytes) => "ab".repeat(bytes));
  assert.equal(formatTraceparent(next), "00-4bf92f3577b34da6a3ce929d0e0e4736-abababababababab-01");
});

test("malformed or all-zero traceparents start a new trace", () => {
  for (const bad of ["", "garbage", valid.replace("00-", "ff-"), `00-${"0".repeat(32)}-00f067aa0ba902b7-01`, `${valid}-extra`]) {
    assert.equal(parseTraceparent(bad), undefined, bad);
  }
  const fresh = continueTrace(undefined, (bytes) => "cd".repeat(bytes));
  assert.equal(formatTraceparent(fresh), `00-${"cd".repeat(16)}-${"cd".repeat(8)}-01`);
});
