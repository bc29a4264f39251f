/**
 * @module The request path as an ordered list of small named passes (the httpxy pattern). Each
 * pass reads and fills the exchange; returning a ProxyError stops the chain and answers it.
 * Order matters: framing is checked before anything trusts the headers, the target is known before
 * its routing table's override names are read, and headers are rebuilt before the endpoint is
 * chosen so a retry reuses them unchanged.
 */
import { isFaultExempt } from "@forex-mesh/routing";
import { ErrorCode, ProxyError } from "../errors.js";
import { decideFault, faultMessage } from "../logic/fault.js";
import {
  connectionListed,
  HOP_BY_HOP,
  newRequestId,
  newTraceparent,
  readCookie,
  smugglingReason,
  validRequestId,
  validTraceparent,
  validVersion,
} from "./headers.js";
import type { Exchange } from "./exchange.js";

export type Pass = (x: Exchange) => ProxyError | undefined;

export const refuseSmuggling: Pass = function refuseSmuggling(x) {
  const reason = smugglingReason(x.req.rawHeaders);
  return reason === undefined ? undefined : new ProxyError(ErrorCode.SmugglingRefused, `ambiguous request framing: ${reason}`);
};

/**
 * Reads the request's header names once, lower-cased, and the few values later passes need.
 * Node builds `req.headers` lazily; not touching it saves building an object per request.
 */
export const indexHeaders: Pass = function indexHeaders(x) {
  const raw = x.req.rawHeaders;
  const lower = x.lowerNames;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    lower.push(name);
    switch (name) {
      case "host":
        x.host = raw[i + 1];
        break;
      case "cookie":
        x.cookie = x.cookie === undefined ? raw[i + 1] : `${x.cookie}; ${raw[i + 1]}`;
        break;
      case "connection":
        x.connection = raw[i + 1];
        break;
      case "content-length":
        x.contentLength = raw[i + 1];
        break;
      case "transfer-encoding":
        x.chunked = true;
        break;
    }
  }
  return undefined;
};

/** Egress: the logical service is named by Host, as Linkerd 1 routed by host. */
export const targetByHost: Pass = function targetByHost(x) {
  const host = x.host;
  if (host === undefined) return new ProxyError(ErrorCode.NoRoute, "no Host header naming the upstream service");
  const colon = host.indexOf(":");
  const name = (colon === -1 ? host : host.slice(0, colon)).toLowerCase();
  const upstream = x.ctx.upstreams.get(name);
  if (upstream === undefined) return new ProxyError(ErrorCode.NoRoute, `no route to "${name}": not an upstream of this proxy`);
  x.upstream = upstream;
  return undefined;
};

/** Edge: every request goes to the one upstream behind the public listener. */
export const targetFixedUpstream: Pass = function targetFixedUpstream(x) {
  x.upstream = x.ctx.fixedUpstream;
  return x.upstream === undefined ? new ProxyError(ErrorCode.NoRoute, "the edge has no upstream") : undefined;
};

/** Override names come from the target's routing table, or the listener's defaults. */
export const readOverride: Pass = function readOverride(x) {
  const settings = x.upstream?.snapshot.settings;
  x.overrideHeader = settings?.overrideHeader ?? x.ctx.overrideHeader;
  if (!x.ctx.honourOverride) return undefined;
  const fromHeader = validVersion(x.header(x.overrideHeader));
  x.override = fromHeader ?? validVersion(readCookie(x.cookie, settings?.overrideCookie ?? x.ctx.overrideCookie));
  return undefined;
};

/** Copies the end-to-end headers; hop-by-hop ones, X-Forwarded-For and the override are rebuilt. */
export const copyHeaders: Pass = function copyHeaders(x) {
  const raw = x.req.rawHeaders;
  const listed = connectionListed(x.connection);
  const out = x.outHeaders;
  const names = x.lowerNames;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = names[i >> 1]!;
    // Expect is answered here (Node sends the 100 Continue itself); the upstream gets the body.
    if (HOP_BY_HOP.has(lower) || lower === x.overrideHeader || lower === "expect" || listed?.has(lower)) continue;
    if (lower === "x-forwarded-for") {
      x.forwardedFor = x.forwardedFor === undefined ? raw[i + 1] : `${x.forwardedFor}, ${raw[i + 1]}`;
      continue;
    }
    if (lower === "traceparent") {
      if (!validTraceparent(raw[i + 1])) continue;
      x.hasTraceparent = true;
      x.traceparent = raw[i + 1];
    } else if (lower === "x-request-id") x.requestId ??= raw[i + 1];
    else if (lower === "x-forwarded-proto") x.hasForwardedProto = true;
    else if (lower === "x-forwarded-host") x.hasForwardedHost = true;
    out.push(name, raw[i + 1]!);
  }
  return undefined;
};

/** X-Forwarded-For gains the caller's address; proto and host are set once, at the first proxy. */
export const forwardedHeaders: Pass = function forwardedHeaders(x) {
  const peer = x.req.socket.remoteAddress ?? "unknown";
  x.outHeaders.push("x-forwarded-for", x.forwardedFor === undefined ? peer : `${x.forwardedFor}, ${peer}`);
  if (!x.hasForwardedProto) x.outHeaders.push("x-forwarded-proto", "http");
  if (!x.hasForwardedHost && x.host !== undefined) x.outHeaders.push("x-forwarded-host", x.host);
  return undefined;
};

/** W3C traceparent: a valid one passes through, a missing or malformed one is replaced. */
export const traceContext: Pass = function traceContext(x) {
  if (!x.hasTraceparent) {
    x.traceparent = newTraceparent();
    x.outHeaders.push("traceparent", x.traceparent);
  }
  return undefined;
};

/**
 * Edge: a request from outside without a usable `x-request-id` gets one, so every hop's access log
 * and every service's log line carry the same id from the first proxy on. Sidecars pass whatever
 * came (the service behind them mints one when needed, with the same rule). An unusable id (one
 * the services would replace) is replaced here instead, so the edge's log names the id they use.
 */
export const mintRequestId: Pass = function mintRequestId(x) {
  if (validRequestId(x.requestId)) return undefined;
  const id = newRequestId();
  if (x.requestId !== undefined) {
    const out = x.outHeaders;
    for (let i = out.length - 2; i >= 0; i -= 2) if (out[i]!.toLowerCase() === "x-request-id") out.splice(i, 2);
  }
  x.requestId = id;
  x.outHeaders.push("x-request-id", id);
  return undefined;
};

/**
 * The override travels on as a header whichever way it came in (a browser sends the cookie; the
 * app behind the ingress only needs to pass the header through for the whole path to stay on it).
 */
export const propagateOverride: Pass = function propagateOverride(x) {
  if (x.override !== undefined) x.outHeaders.push(x.overrideHeader, x.override);
  return undefined;
};

export const chooseEndpoint: Pass = function chooseEndpoint(x) {
  const upstream = x.upstream!;
  if (!upstream.discoveryReady) return new ProxyError(ErrorCode.DiscoveryNotReady, `no discovery answer yet for ${upstream.name}`);
  const endpoint = upstream.pick(x.override, x.ctx.clock(), x.ctx.rand);
  if (endpoint === undefined) return new ProxyError(ErrorCode.NoHealthyEndpoint, `no healthy instance of ${upstream.name}`);
  x.endpoint = endpoint;
  return undefined;
};

/**
 * Ingress: the fault in force for this version, if any. Last, so a malformed request is refused as
 * usual; the exchange applies the delay (it is asynchronous) and the failure.
 */
export const injectFault: Pass = function injectFault(x) {
  const faults = x.ctx.faults;
  if (faults === undefined || faults.table === null || isFaultExempt(x.req.url!)) return undefined;
  const entry = faults.active(x.ctx.wallClock());
  const decision = decideFault(entry, x.ctx.rand());
  if (decision === null) return undefined;
  x.faultDelayMs = decision.delayMs;
  if (decision.fail) x.faultError = new ProxyError(ErrorCode.FaultInjected, faultMessage(faults.key, entry!));
  return undefined;
};

export const ingressPasses: readonly Pass[] = [
  refuseSmuggling,
  indexHeaders,
  readOverride,
  copyHeaders,
  forwardedHeaders,
  traceContext,
  propagateOverride,
  injectFault,
];
export const egressPasses: readonly Pass[] = [
  refuseSmuggling,
  indexHeaders,
  targetByHost,
  readOverride,
  copyHeaders,
  forwardedHeaders,
  traceContext,
  propagateOverride,
  chooseEndpoint,
];
export const edgePasses: readonly Pass[] = [
  refuseSmuggling,
  indexHeaders,
  targetFixedUpstream,
  readOverride,
  copyHeaders,
  mintRequestId,
  forwardedHeaders,
  traceContext,
  propagateOverride,
  chooseEndpoint,
];
