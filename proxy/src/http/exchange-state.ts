/**
 * @module What the passes read and fill on one request (the target, the rebuilt headers, the
 * fault decision), apart from the forwarding machinery in exchange.ts that acts on it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ProxyError } from "../errors.js";
import type { RequestSeries } from "../metrics.js";
import type { AccessEntry } from "./access-log.js";
import type { Endpoint } from "../upstream/endpoint.js";
import type { Upstream } from "../upstream/upstream.js";
import type { ListenerContext } from "./context.js";

export class ExchangeState {
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

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly ctx: ListenerContext,
  ) {}

  /** The first value of a header by its lower-case name (after indexHeaders). */
  header(lower: string): string | undefined {
    const i = this.lowerNames.indexOf(lower);
    return i === -1 ? undefined : this.req.rawHeaders[i * 2 + 1];
  }

  targetName(): string {
    return this.upstream?.name ?? "the local app";
  }

  /** Where the outcome is counted: the endpoint tried last, else the upstream's or the app's series. */
  series(): RequestSeries {
    if (this.endpoint !== undefined) return this.endpoint.series;
    if (this.upstream !== undefined) return this.upstream.noEndpointSeries;
    return this.ctx.app!.series;
  }

  /** The access log's entry for this request, answered `status` after `durationMs` and `attempts` tries. */
  accessEntry(status: number, durationMs: number, attempts: number): AccessEntry {
    const app = this.ctx.kind === "ingress" ? this.ctx.app : undefined;
    return {
      kind: this.ctx.kind,
      method: this.req.method,
      path: this.req.url,
      dstService: app !== undefined ? app.service : (this.upstream?.name ?? ""),
      dstVersion: app !== undefined ? app.version : this.endpoint?.instance.version,
      status,
      durationMs,
      attempts,
      requestId: this.requestId,
      traceparent: this.traceparent,
    };
  }
}
