import assert from "node:assert/strict";
import { test } from "node:test";
import { isRetryableOutcome, type RetryInput, retryDelay } from "./retry.js";

const base: RetryInput = {
  attempt: 1,
  maxRetries: 2,
  method: "GET",
  hasBody: false,
  status: 503,
  errorCode: undefined,
  remainingMs: 1_000,
  rand: 0.5,
};

test("a GET that got 503 is retried after a jittered delay", () => {
  assert.equal(retryDelay(base), 5); // 0.5 × min(200, 10·2^0)
  assert.equal(retryDelay({ ...base, attempt: 2 }), 10);
});

test("the backoff is capped", () => {
  assert.equal(retryDelay({ ...base, attempt: 2, maxRetries: 9, rand: 0.999, capMs: 15 }), 14);
});

test("no retry past the allowed attempts", () => {
  assert.equal(retryDelay({ ...base, attempt: 3 }), null);
});

test("POST and requests with a body are never retried", () => {
  assert.equal(retryDelay({ ...base, method: "POST" }), null);
  assert.equal(retryDelay({ ...base, method: "PATCH" }), null);
  assert.equal(retryDelay({ ...base, hasBody: true }), null);
});

test("only 502/503/504 and connect-level errors are retryable", () => {
  assert.equal(retryDelay({ ...base, status: 500 }), null);
  assert.equal(retryDelay({ ...base, status: 404 }), null);
  assert.equal(isRetryableOutcome(0, "ECONNREFUSED"), true);
  assert.equal(isRetryableOutcome(0, "UND_ERR_SOCKET"), true);
  assert.equal(isRetryableOutcome(0, "UND_ERR_HEADERS_TIMEOUT"), false);
  assert.equal(isRetryableOutcome(502, undefined), true);
  assert.equal(isRetryableOutcome(504, undefined), true);
});

test("a retry that would reach the deadline is not made", () => {
  assert.equal(retryDelay({ ...base, rand: 0.9, remainingMs: 9 }), null);
  assert.equal(retryDelay({ ...base, rand: 0.9, remainingMs: 10 }), 9);
});
