import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { msToNs, nsToMs, parseTime, rfc3339 } from "./time.js";

describe("time", () => {
  it("writes RFC 3339 like Go (no trailing zeros in the fraction)", () => {
    const cases: Array<[number, string]> = [
      [Date.UTC(2026, 7, 21, 10, 10, 0), "2026-08-21T10:10:00Z"],
      [Date.UTC(2026, 7, 21, 10, 10, 0, 500), "2026-08-21T10:10:00.5Z"],
      [Date.UTC(2026, 7, 21, 10, 10, 0, 120), "2026-08-21T10:10:00.12Z"],
      [Date.UTC(2026, 7, 21, 10, 10, 0, 7), "2026-08-21T10:10:00.007Z"],
    ];
    for (const [ms, text] of cases) assert.equal(rfc3339(ms), text);
  });

  it("reads RFC 3339, with Go's zero time and garbage as null", () => {
    assert.equal(parseTime("2026-08-21T10:10:00.5Z"), Date.UTC(2026, 7, 21, 10, 10, 0, 500));
    for (const v of ["0001-01-01T00:00:00Z", "", "nope", null, undefined]) assert.equal(parseTime(v), null, String(v));
  });

  it("converts between ms and ns", () => {
    assert.equal(msToNs(1500), 1_500_000_000);
    assert.equal(nsToMs(1_500_999_999), 1500);
  });
});
