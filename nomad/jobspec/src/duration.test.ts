import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDuration, parseDuration } from "./duration.js";

describe("parseDuration", () => {
  it("reads Go duration syntax as nanoseconds", () => {
    const cases: [string, number][] = [
      ["10s", 10_000_000_000],
      ["1m30s", 90_000_000_000],
      ["5m", 300_000_000_000],
      ["2h", 7_200_000_000_000],
      ["250ms", 250_000_000],
      ["1.5s", 1_500_000_000],
      ["100us", 100_000],
      ["7ns", 7],
      ["0", 0],
      ["-1s", -1_000_000_000],
      ["1h2m3s4ms", 3_723_004_000_000],
    ];
    for (const [text, ns] of cases) assert.equal(parseDuration(text), ns, text);
  });

  it("rejects anything else", () => {
    for (const bad of ["", "10", "s", "10 s", "1d", "10sec", "1m30", "abc"]) assert.equal(parseDuration(bad), undefined, bad);
  });

  it("formats like Go and round-trips", () => {
    assert.equal(formatDuration(90_000_000_000), "1m30s");
    assert.equal(formatDuration(3_600_000_000_000), "1h0m0s");
    assert.equal(formatDuration(1_500_000_000), "1.5s");
    assert.equal(formatDuration(250_000_000), "250ms");
    assert.equal(formatDuration(0), "0s");
    for (const ns of [1, 999, 1_000_000, 61_000_000_000, 86_400_000_000_000]) assert.equal(parseDuration(formatDuration(ns)), ns);
  });
});
