/**
 * @module Retry policy: whether and when to try again. Pure: the attempt count, the outcome, the
 * time left and a random number come in; a delay in ms or null comes out. The loop that acts on
 * it lives in the exchange.
 */

// RFC 9110 §9.2.2: idempotent methods. A retry must not run a side effect twice.
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);

// Failures before any response byte: the request certainly did not complete upstream, or (for a
// reused keep-alive socket closed under us) an idempotent request is safe to send again.
const RETRYABLE_ERRORS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_CLOSED",
]);

export interface RetryInput {
  /** Attempts already made (1 after the first try). */
  attempt: number;
  /** Retries allowed after the first try. */
  maxRetries: number;
  method: string;
  hasBody: boolean;
  /** The upstream status, or 0 when the attempt failed without a response. */
  status: number;
  /** The error code when status is 0. */
  errorCode: string | undefined;
  /** Milliseconds until the request's deadline. */
  remainingMs: number;
  rand: number;
  baseMs?: number;
  capMs?: number;
}

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method);
}

export function isRetryableOutcome(status: number, errorCode: string | undefined): boolean {
  if (status === 0) return errorCode !== undefined && RETRYABLE_ERRORS.has(errorCode);
  return status === 502 || status === 503 || status === 504;
}

/**
 * Delay before the next attempt, or null when it must not be retried. Backoff is "full jitter"
 * (AWS architecture blog, 2015): uniform in [0, min(cap, base·2^(attempt-1))], so synchronized
 * clients spread out. A retry whose delay would reach the deadline is not made.
 */
export function retryDelay(input: RetryInput): number | null {
  const { attempt, maxRetries, method, hasBody, status, errorCode, remainingMs, rand } = input;
  if (attempt > maxRetries) return null;
  if (hasBody || !isIdempotent(method)) return null;
  if (!isRetryableOutcome(status, errorCode)) return null;
  const baseMs = input.baseMs ?? 10;
  const capMs = input.capMs ?? 200;
  const delay = Math.floor(rand * Math.min(capMs, baseMs * 2 ** (attempt - 1)));
  return delay < remainingMs ? delay : null;
}
