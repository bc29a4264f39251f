import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { NomadError } from "./errors.js";
import { FrameDecoder } from "./frames.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const STREAM =
  `{"File":"alloc/logs/app.stdout.0","Offset":12,"Data":"${b64("hello world\n")}"}{}` +
  `{"File":"alloc/logs/app.stdout.0","FileEvent":"file truncated"}\n{}` +
  `{"File":"alloc/logs/app.stdout.1","Offset":3,"Data":"${b64('{"}\\')}"}`;

const EXPECTED = [
  { offset: 12, data: "hello world\n", file: "alloc/logs/app.stdout.0", fileEvent: "" },
  { offset: 0, data: "", file: "alloc/logs/app.stdout.0", fileEvent: "file truncated" },
  { offset: 3, data: '{"}\\', file: "alloc/logs/app.stdout.1", fileEvent: "" },
];

const decodeAll = (pieces: string[]) => {
  const d = new FrameDecoder();
  const frames = pieces.flatMap((p) => d.push(p));
  assert.ok(d.idle, "nothing left over");
  return frames.map((f) => ({ ...f, data: f.data.toString("utf8") }));
};

describe("FrameDecoder", () => {
  it("decodes back-to-back frames and drops heartbeats", () => {
    assert.deepEqual(decodeAll([STREAM]), EXPECTED);
  });

  it("decodes the same frames however the stream is split", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: STREAM.length - 1 }), { maxLength: 8 }), (cuts) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        const pieces = [0, ...sorted].map((start, i) => STREAM.slice(start, sorted[i] ?? STREAM.length));
        assert.deepEqual(decodeAll(pieces), EXPECTED);
      }),
      { numRuns: 300 },
    );
  });

  it("handles braces and escaped quotes inside strings", () => {
    assert.deepEqual(decodeAll(['{"File":"a}{\\"b","Offset":1}']), [{ offset: 1, data: "", file: 'a}{"b', fileEvent: "" }]);
  });

  it("reports a partial frame as not idle and garbage between frames as an error", () => {
    const d = new FrameDecoder();
    assert.deepEqual(d.push('{"Offset":1,"Da'), []);
    assert.equal(d.idle, false);
    assert.throws(() => new FrameDecoder().push("oops{}"), (e: unknown) => e instanceof NomadError && e.code === "NOMAD_DECODE");
  });
});
