/**
 * @module One request through the proxy: runs the passes, forwards with undici's dispatch API
 * (no intermediate streams or promise per request), retries when the policy and the budget allow,
 * and records the outcome. The exchange object is the undici handler itself, so a request costs
 * one object here plus the header array.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import { ErrorCode, isUnforwardable, ProxyError, sendError, upstreamFailure } from "../errors.js";
import { onSuccess, startProbeIfDue } from "../logic/accrual.js";
import { observeLatency } from "../logic/balancer.js";
import { isRetryableOutcome } from "../logic/retry.js";
import type { Endpoint } from "../upstream/endpoint.js";
import type { ListenerContext } from "./context.js";
import { ExchangeState } from "./exchange-state.js";
import { responseHeaders } from "./headers.js";
import type { Pass } from "./passes.js";

const EMPTY_BODY_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "DELETE"]);

/** undici's headersTimeout stays only as a backstop this far past the deadline: its ~0.5 s ticks can fire early. */
const BACKSTOP_MS = 1_000;

export class Exchange extends ExchangeState implements Dispatcher.DispatchHandler {
  readonly #startedAt: number;
  #deadline = 0;
  #attempt = 0;
  #hasBody = false;
  #status = 0;
  /** ≥ 0 while the current answer is being dropped for a retry after that many ms; -1 otherwise. */
  #retryIn = -1;
  #inFlight = false;
  /** The first body chunk, not yet written (see onData). */
  #held: Buffer | undefined;
  #streaming = false;
  #sentAt = 0;
  #done = false;
  #abort: ((error?: Error) => void) | undefined;
  #resume: (() => void) | undefined;
  #faultTimer: NodeJS.Timeout | undefined;
  #deadlineTimer: NodeJS.Timeout | undefined;

  constructor(req: IncomingMessage, res: ServerResponse, ctx: ListenerContext) {
    super(req, res, ctx);
    this.#startedAt = ctx.clock();
  }

  /** Runs the passes, then forwards. */
  run(passes: readonly Pass[]): void {
    for (let i = 0; i < passes.length; i++) {
      const error = passes[i]!(this);
      if (error !== undefined) {
        this.#fail(error);
        return;
      }
    }
    this.res.on("close", this.#onClientClose);
    if (this.faultDelayMs > 0) {
      this.ctx.faults?.countLatency();
      this.#faultTimer = setTimeout(this.#afterFaultDelay, this.faultDelayMs);
      return;
    }
    this.#forward();
  }

  readonly #afterFaultDelay = (): void => {
    this.#faultTimer = undefined;
    if (!this.#done) this.#forward();
  };

  #forward(): void {
    if (this.faultError !== undefined) {
      this.ctx.faults?.countError();
      this.#fail(this.faultError);
      return;
    }
    const req = this.req;
    const length = this.contentLength;
    this.#hasBody = this.chunked || (length !== undefined && length !== "0");
    if (!this.#hasBody && !EMPTY_BODY_METHODS.has(req.method!)) req.resume();
    const timeoutMs = this.upstream?.snapshot.settings.timeoutMs ?? this.ctx.app?.timeoutMs ?? 30_000;
    this.#deadline = this.#startedAt + timeoutMs;
    // Our own timer, not undici's headersTimeout (~0.5 s ticks cut a 1000 ms timeout at 0.66–1.6 s).
    // One timer for all attempts, so a retry only gets what is left.
    this.#deadlineTimer = setTimeout(Exchange.#onDeadline, Math.max(0, this.#deadline - this.ctx.clock()), this);
    this.upstream?.budget.recordRequest(this.#startedAt);
    this.#send();
  }

  /** Static, so arming the timer allocates no closure per request (`this` goes as the argument). */
  static #onDeadline(x: Exchange): void {
    x.#expire();
  }

  #expire(): void {
    this.#deadlineTimer = undefined;
    if (this.#done) return;
    const abort = this.#abort;
    const wasInFlight = this.#inFlight;
    const endpoint = this.#endAttempt();
    if (wasInFlight && endpoint !== undefined) this.#accrueFailure(endpoint);
    const ms = this.#deadline - this.#startedAt;
    this.#fail(new ProxyError(ErrorCode.UpstreamTimeout, `${this.targetName()} did not answer within ${ms} ms`));
    // After #fail: the attempt's onError then finds the exchange done and leaves it.
    abort?.(new Error("the request's deadline passed"));
  }

  #clearDeadline(): void {
    if (this.#deadlineTimer === undefined) return;
    clearTimeout(this.#deadlineTimer);
    this.#deadlineTimer = undefined;
  }

  #send(): void {
    this.#attempt += 1;
    this.#retryIn = -1;
    this.#held = undefined;
    this.#streaming = false;
    this.#status = 0;
    this.#inFlight = true;
    const endpoint = this.endpoint;
    const now = this.ctx.clock();
    const pool = endpoint === undefined ? this.ctx.app!.pool : endpoint.pool;
    if (endpoint !== undefined) {
      endpoint.outstanding += 1;
      startProbeIfDue(endpoint.accrual, now);
    }
    this.#sentAt = now;
    try {
      pool.dispatch(
        {
          origin: undefined,
          path: this.req.url!,
          method: this.req.method as Dispatcher.HttpMethod,
          headers: this.outHeaders,
          body: this.#hasBody ? this.req : null,
          headersTimeout: Math.max(1, Math.ceil(this.#deadline - now)) + BACKSTOP_MS,
          bodyTimeout: Math.max(1_000, Math.ceil(this.#deadline - this.#startedAt)),
        },
        this,
      );
    } catch (error) {
      this.onError(error as Error);
    }
  }

  onConnect(abort: (error?: Error) => void): void {
    this.#abort = abort;
    if (this.#done) abort(new Error("client went away"));
  }

  onHeaders(status: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (status < 200) return true; // 1xx: the final response follows
    this.#status = status;
    const endpoint = this.endpoint;
    if (endpoint !== undefined) {
      const now = this.ctx.clock();
      endpoint.ewmaMs = observeLatency(endpoint, now - this.#sentAt, now);
      endpoint.ewmaAt = now;
    }
    if (isRetryableOutcome(status, undefined)) {
      const delay = this.#planRetry(status, undefined);
      if (delay !== null) {
        // Read and drop this answer; the retry goes out once it is complete, keeping the connection.
        this.#retryIn = delay;
        return true;
      }
    }
    // The answer is committed: the deadline covers waiting for it, bodyTimeout the idle body.
    this.#clearDeadline();
    this.#resume = resume;
    try {
      this.res.writeHead(status, responseHeaders(rawHeaders));
    } catch (error) {
      // Node refuses header values our client library let through (e.g. control characters).
      this.#abort?.(error as Error);
      return false;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#retryIn !== -1) return true;
    if (this.#held === undefined && !this.#streaming) {
      // Most answers are one chunk: hold it so headers and body leave in one write at the end.
      this.#held = chunk;
      return true;
    }
    this.#streaming = true;
    if (this.#held !== undefined) {
      this.res.write(this.#held);
      this.#held = undefined;
    }
    const ok = this.res.write(chunk);
    if (!ok) this.res.once("drain", this.#resume!);
    return ok;
  }

  onComplete(): void {
    const endpoint = this.#endAttempt();
    if (this.#retryIn !== -1) {
      if (endpoint !== undefined) this.#accrueFailure(endpoint);
      this.#retry(this.#retryIn, endpoint);
      return;
    }
    if (endpoint !== undefined) {
      if (this.#status >= 500) this.#accrueFailure(endpoint);
      else onSuccess(endpoint.accrual);
    }
    const held = this.#held;
    this.#held = undefined;
    if (held !== undefined) this.res.end(held);
    else this.res.end();
    this.#record(this.#status);
  }

  onError(error: Error): void {
    const endpoint = this.#endAttempt();
    if (this.#done) return; // the client went away and we aborted: already recorded
    if (isUnforwardable(error)) {
      this.#fail(upstreamFailure(error, this.targetName(), false));
      return;
    }
    if (endpoint !== undefined) this.#accrueFailure(endpoint);
    if (this.res.headersSent) {
      // Mid-body failure: the status is out, so the only honest signal left is a cut connection.
      this.res.destroy(error);
      this.#record(502);
      return;
    }
    const code = (error as { code?: string }).code;
    const delay = this.#planRetry(0, code);
    if (delay !== null) {
      this.#retry(delay, endpoint);
      return;
    }
    this.#fail(upstreamFailure(error, this.targetName(), this.ctx.kind === "ingress"));
  }

  #endAttempt(): Endpoint | undefined {
    const endpoint = this.endpoint;
    if (this.#inFlight && endpoint !== undefined) endpoint.outstanding -= 1;
    this.#inFlight = false;
    // A finished attempt must not be aborted later (that could close a pooled connection).
    this.#abort = undefined;
    return endpoint;
  }

  /** The retry policy's delay, if the budget also allows one more try; null otherwise. */
  #planRetry(status: number, code: string | undefined): number | null {
    // The local app is not retried: the caller's sidecar does.
    if (this.upstream === undefined) return null;
    const remainingMs = this.#deadline - this.ctx.clock();
    const input = { attempt: this.#attempt, method: this.req.method!, hasBody: this.#hasBody, status, errorCode: code, remainingMs, rand: this.ctx.rand() };
    return this.upstream.planRetry(input, this.ctx.clock());
  }

  #retry(delay: number, failed: Endpoint | undefined): void {
    const next = this.upstream!.pick(this.override, this.ctx.clock(), this.ctx.rand, failed);
    if (next === undefined) {
      this.#fail(new ProxyError(ErrorCode.NoHealthyEndpoint, `no healthy instance of ${this.targetName()} left to retry on`));
      return;
    }
    this.endpoint = next;
    if (delay === 0) this.#send();
    else setTimeout(() => this.#retryNow(), delay);
  }

  #retryNow(): void {
    if (!this.#done) this.#send();
  }

  #accrueFailure(endpoint: Endpoint): void {
    this.upstream?.accrueFailure(endpoint, this.ctx.clock());
  }

  /** Answers a proxy error as JSON (unless the response already started) and records it. */
  #fail(error: ProxyError): void {
    const res = this.res;
    if (!res.headersSent && !res.destroyed) sendError(res, error);
    if (error.status >= 500) this.ctx.log.debug("proxy error", { code: error.code, message: error.message });
    this.#record(error.status);
  }

  #record(status: number): void {
    if (this.#done) return;
    this.#done = true;
    this.#clearDeadline();
    const ms = this.ctx.clock() - this.#startedAt;
    this.series().record(status, ms / 1000);
    this.ctx.accessLog?.(this.accessEntry(status, ms, this.#attempt));
  }

  readonly #onClientClose = (): void => {
    if (this.#done) return;
    // The caller left before the answer was complete: stop the upstream request and count it.
    if (this.#faultTimer !== undefined) clearTimeout(this.#faultTimer);
    this.#record(499);
    this.#abort?.(new Error("client closed the connection"));
  };
}
