/**
 * @module Every error the proxy itself answers, with a stable code and status. A proxy error is a
 * JSON body `{"error":{"code","message"}}`, so a caller can tell "the proxy refused" from "the
 * upstream answered 5xx".
 */
import type { ServerResponse } from "node:http";

export const ErrorCode = {
  BadRequest: "bad_request",
  SmugglingRefused: "request_smuggling_refused",
  HeadersTooLarge: "headers_too_large",
  NoRoute: "no_route",
  NoHealthyEndpoint: "no_healthy_endpoint",
  DiscoveryNotReady: "discovery_not_ready",
  UpstreamConnectFailed: "upstream_connect_failed",
  UpstreamReset: "upstream_reset",
  UpstreamTimeout: "upstream_timeout",
  UpstreamError: "upstream_error",
  AppUnavailable: "app_unavailable",
  NotFound: "not_found",
  MethodNotAllowed: "method_not_allowed",
  /** Upper case as agreed in the KV layout: the console and rollout match on it. */
  FaultInjected: "FAULT_INJECTED",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  request_smuggling_refused: 400,
  headers_too_large: 431,
  no_route: 404,
  no_healthy_endpoint: 503,
  discovery_not_ready: 503,
  upstream_connect_failed: 502,
  upstream_reset: 502,
  upstream_timeout: 504,
  upstream_error: 502,
  app_unavailable: 502,
  not_found: 404,
  method_not_allowed: 405,
  // 500, not 503: a caller's proxy retries 502-504, and a retried-away fault would prove nothing.
  FAULT_INJECTED: 500,
};

export class ProxyError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ProxyError";
    this.status = STATUS[code];
  }

  body(): string {
    return JSON.stringify({ error: { code: this.code, message: this.message } });
  }
}

/** The one place where a failed upstream attempt becomes a proxy error (502, 504 or the app's 502). */
export function upstreamFailure(error: unknown, target: string, toLocalApp: boolean): ProxyError {
  const code = (error as { code?: string } | null)?.code;
  if (isUnforwardable(error)) {
    return new ProxyError(ErrorCode.BadRequest, `the request cannot be forwarded: ${(error as Error).message}`, { cause: error });
  }
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "ETIMEDOUT") {
    return new ProxyError(ErrorCode.UpstreamTimeout, `${target} did not answer in time`, { cause: error });
  }
  if (toLocalApp) return new ProxyError(ErrorCode.AppUnavailable, `the local app failed: ${code ?? "error"}`, { cause: error });
  if (code === "ECONNREFUSED" || code === "UND_ERR_CONNECT_TIMEOUT" || code === "EHOSTUNREACH") {
    return new ProxyError(ErrorCode.UpstreamConnectFailed, `could not connect to ${target}`, { cause: error });
  }
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE" || code === "UND_ERR_CLOSED") {
    return new ProxyError(ErrorCode.UpstreamReset, `${target} closed the connection`, { cause: error });
  }
  return new ProxyError(ErrorCode.UpstreamError, `${target} failed: ${code ?? (error instanceof Error ? error.message : "error")}`, { cause: error });
}

/** The request itself was refused by the client library (a header it will not send): not the upstream's fault. */
export function isUnforwardable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "UND_ERR_INVALID_ARG" || code === "UND_ERR_NOT_SUPPORTED";
}

/** Answers `error` as its JSON body; `x-forex-proxy-error` names the code without parsing the body. */
export function sendError(res: ServerResponse, error: ProxyError): void {
  const body = error.body();
  res.writeHead(error.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "x-forex-proxy-error": error.code,
  });
  res.end(body);
}
