/**
 * @module One request through the proxy: runs the passes, forwards with undici's dispatch API
 * (no intermediate streams or promise per request), retries when the policy and the budget allow,
 * and records the outcome. The exchange object is the undici handler itself, so a request costs
 * one object here plus the header array.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import { ErrorCode, isUnforwardable, ProxyError, upstreamFailure } from "../errors.js";
import { onFailure, onSuccess, startProbeIfDue } from "../logic/accrual.js";
import { observeLatency } from "../logic/balancer.js";
import { isRetryableOutcome, retryDelay } from "../logic/retry.js";
import type { RequestSeries } from "../metrics.js";
import type { Endpoint } from "../upstream/endpoint.js";
import type { Upstream } from "../upstream/upstream.js";
import type { ListenerContext } from "./context.js";
import { connectionListed, HOP_BY_HOP, withoutListed } from "./headers.js";
import type { Pass } from "./passes.js";

const EMPTY_BODY_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "DELETE"]);

export class Exchange implements Dispatcher.DispatchHandler {
  upstream: Upstream | undefined;
  endpoint: Endpoint | undefined;
  override: string | undefined;
  overrideHeader = "";
  readonly outHeaders: string[] = [];
  forwardedFor: string | undefined;
  /** Lower-cased header names, index i for rawHeaders[2i] (see indexHeaders). */
  readonly lowerNames: string[] = [];
  host: string | undefined;
  cookie: string | undefined;
  connection: string | undefined;
  contentLength: string | undefined;
  chunked = false;
  hasTraceparent = false;
  /** The traceparent sent on (the caller's when valid, else a new one): the access log's trace id. */
  traceparent: string | undefined;
  /** The x-request-id sent on (the caller's first one, or one the edge minted): the access log's. */
  requestId: string | undefined;
  hasForwardedProto = false;
  hasForwardedHost = false;
  /** Set by the injectFault pass: added latency, and the 500 to answer instead of the app's. */
  faultDelayMs = 0;
  faultError: ProxyError | undefined;

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

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly ctx: ListenerContext,
  ) {
    this.#startedAt = ctx.clock();
  }

  /** The first value of a header by its lower-case name (after indexHeaders). */
  header(lower: string): string | undefined {
    const i = this.lowerNames.indexOf(lower);
    return i === -1 ? undefined : this.req.rawHeaders[i * 2 + 1];
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
    this.upstream?.budget.recordRequest(this.#startedAt);
    this.#send();
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
          headersTimeout: Math.max(1, Math.ceil(this.#deadline - now)),
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
    let out: string[] = [];
    let connection: string | undefined;
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!.toString("latin1");
      const lower = name.toLowerCase();
      if (HOP_BY_HOP.has(lower)) {
        if (lower === "connection") connection = rawHeaders[i + 1]!.toString("latin1");
        continue;
      }
      out.push(name, rawHeaders[i + 1]!.toString("latin1"));
    }
    const listed = connectionListed(connection);
    if (listed !== undefined) out = withoutListed(out, listed);
    this.#resume = resume;
    try {
      this.res.writeHead(status, out);
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
      this.#fail(upstreamFailure(error, this.#targetName(), false));
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
    this.#fail(upstreamFailure(error, this.#targetName(), this.ctx.kind === "ingress"));
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
    const upstream = this.upstream;
    if (upstream === undefined) return null; // the local app is not retried: the caller's sidecar does
    const delay = retryDelay({
      attempt: this.#attempt,
      maxRetries: upstream.snapshot.settings.maxRetries,
      method: this.req.method!,
      hasBody: this.#hasBody,
      status,
      errorCode: code,
      remainingMs: this.#deadline - this.ctx.clock(),
      rand: this.ctx.rand(),
    });
    if (delay === null) return null;
    if (!upstream.budget.tryWithdraw(this.ctx.clock())) {
      upstream.countBudgetExhausted();
      return null;
    }
    upstream.countRetry();
    return delay;
  }

  #retry(delay: number, failed: Endpoint | undefined): void {
    const next = this.upstream!.pick(this.override, this.ctx.clock(), this.ctx.rand, failed);
    if (next === undefined) {
      this.#fail(new ProxyError(ErrorCode.NoHealthyEndpoint, `no healthy instance of ${this.#targetName()} left to retry on`));
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
    const now = this.ctx.clock();
    const upstream = this.upstream;
    if (upstream === undefined) return;
    if (onFailure(endpoint.accrual, now, upstream.othersAvailable(endpoint, now))) upstream.countEjection(endpoint);
  }

  #targetName(): string {
    return this.upstream?.name ?? "the local app";
  }

  /** Answers a proxy error as JSON (unless the response already started) and records it. */
  #fail(error: ProxyError): void {
    const res = this.res;
    if (!res.headersSent && !res.destroyed) {
      const body = error.body();
      res.writeHead(error.status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        "x-forex-proxy-error": error.code,
      });
      res.end(body);
    }
    if (error.status >= 500) this.ctx.log.debug("proxy error", { code: error.code, message: error.message });
    this.#record(error.status);
  }

  #record(status: number): void {
    if (this.#done) return;
    this.#done = true;
    const ms = this.ctx.clock() - this.#startedAt;
    this.#series().record(status, ms / 1000);
    const accessLog = this.ctx.accessLog;
    if (accessLog !== undefined) {
      const app = this.ctx.kind === "ingress" ? this.ctx.app : undefined;
      accessLog({
        kind: this.ctx.kind,
        method: this.req.method,
        path: this.req.url,
        dstService: app !== undefined ? app.service : (this.upstream?.name ?? ""),
        dstVersion: app !== undefined ? app.version : this.endpoint?.instance.version,
        status,
        durationMs: ms,
        attempts: this.#attempt,
        requestId: this.requestId,
        traceparent: this.traceparent,
      });
    }
  }

  #series(): RequestSeries {
    if (this.endpoint !== undefined) return this.endpoint.series;
    if (this.upstream !== undefined) return this.upstream.noEndpointSeries;
    return this.ctx.app!.series;
  }

  readonly #onClientClose = (): void => {
    if (this.#done) return;
    // The caller left before the answer was complete: stop the upstream request and count it.
    if (this.#faultTimer !== undefined) clearTimeout(this.#faultTimer);
    this.#record(499);
    this.#abort?.(new Error("client closed the connection"));
  };
}
