import assert from "node:assert/strict";
import { test } from "node:test";
import { parseLogLines } from "./logs.js";

test("parseLogLines keeps JSON objects and sets other lines apart", () => {
  const { lines, other } = parseLogLines('{"a":1}\nnot json\n\n[1]\n{"trace_id":"x"}\n{"cut');
  assert.deepEqual(lines, [{ a: 1 }, { trace_id: "x" }]);
  assert.deepEqual(other, ["not json", "[1]", '{"cut']);
});
