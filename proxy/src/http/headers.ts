/**
 * @module Header rules, as pure functions over Node's `rawHeaders` ([name, value, name, value…]).
 */
import { randomFillSync } from "node:crypto";

// RFC 9110 §7.6.1: connection-specific fields are not forwarded; RFC 2616 §13.5.1 adds
// Keep-Alive, Proxy-Authenticate/-Authorization, TE, Trailer(s), Transfer-Encoding, Upgrade.
// Proxy-Connection is the non-standard one that old clients still send.
export const HOP_BY_HOP: ReadonlySet<string> = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "trailers",
  "transfer-encoding",
  "upgrade",
]);

/** Why a request's framing is refused, or undefined when it is unambiguous. */
export function smugglingReason(rawHeaders: readonly string[]): string | undefined {
  let contentLength: string | undefined;
  let transferEncoding: string | undefined;
  let hosts = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length !== 14 && name.length !== 17 && name.length !== 4) continue;
    const lower = name.toLowerCase();
    if (lower === "host") {
      // RFC 9112 §3.2: more than one Host is a 400; which one a backend picks differs.
      if (++hosts > 1) return "more than one Host";
    } else if (lower === "content-length") {
      // RFC 9112 §6.3: several Content-Length fields are an error even when they agree, for us.
      if (contentLength !== undefined) return "more than one Content-Length";
      contentLength = rawHeaders[i + 1]!;
      if (!/^\d{1,15}$/.test(contentLength)) return "Content-Length is not a number";
    } else if (lower === "transfer-encoding") {
      if (transferEncoding !== undefined) return "more than one Transfer-Encoding";
      transferEncoding = rawHeaders[i + 1]!;
    }
  }
  // RFC 9112 §6.1: both present is the classic CL.TE/TE.CL smuggling shape.
  if (contentLength !== undefined && transferEncoding !== undefined) return "both Content-Length and Transfer-Encoding";
  if (transferEncoding !== undefined && transferEncoding.trim().toLowerCase() !== "chunked") {
    return `Transfer-Encoding "${transferEncoding}" is not plain chunked`;
  }
  return undefined;
}

/** Header names listed in `Connection: a, b` are hop-by-hop too (RFC 9110 §7.6.1). */
export function connectionListed(connection: string | undefined): ReadonlySet<string> | undefined {
  if (connection === undefined) return undefined;
  let names: Set<string> | undefined;
  for (const part of connection.split(",")) {
    const name = part.trim().toLowerCase();
    if (name === "" || name === "close" || name === "keep-alive") continue;
    names ??= new Set();
    names.add(name);
  }
  return names;
}

/** A flat [name, value…] list without the names in `listed` (rare path: a Connection list). */
export function withoutListed(headers: readonly string[], listed: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    if (!listed.has(headers[i]!.toLowerCase())) out.push(headers[i]!, headers[i + 1]!);
  }
  return out;
}

/** An upstream answer's raw headers as [name, value…] to send on: hop-by-hop ones and those its Connection lists dropped. */
export function responseHeaders(rawHeaders: readonly Buffer[]): string[] {
  const out: string[] = [];
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
  return listed === undefined ? out : withoutListed(out, listed);
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  let at = 0;
  while (at < header.length) {
    while (header.charCodeAt(at) === 32) at++;
    const end = header.indexOf(";", at);
    const stop = end === -1 ? header.length : end;
    const eq = header.indexOf("=", at);
    if (eq !== -1 && eq < stop && header.slice(at, eq).trim() === name) {
      return header.slice(eq + 1, stop).trim();
    }
    at = stop + 1;
  }
  return undefined;
}

const VERSION_VALUE = /^[A-Za-z0-9._-]{1,64}$/;
/** An override value is used only if it could be a version name; anything else is dropped. */
export function validVersion(value: string | undefined): string | undefined {
  return value !== undefined && VERSION_VALUE.test(value) ? value : undefined;
}

// W3C Trace Context §3.2: version-traceid-parentid-flags, lower-case hex; all-zero ids invalid.
const TRACEPARENT = /^[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
export function validTraceparent(value: string | undefined): boolean {
  return value !== undefined && value.length === 55 && !value.startsWith("ff") && TRACEPARENT.test(value);
}

// One getrandom call per 170 trace ids instead of one per request.
const pool = Buffer.allocUnsafe(24 * 170);
let poolAt = pool.length;
/** A new sampled traceparent with random trace and parent ids. */
export function newTraceparent(): string {
  if (poolAt + 24 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const s = pool.toString("hex", poolAt, poolAt + 24);
  poolAt += 24;
  return `00-${s.slice(0, 32)}-${s.slice(32)}-01`;
}

// Same rule and shape as service-kit's request ids (what the services accept and mint), so an id
// minted here is the one every service logs.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const idPool = Buffer.allocUnsafe(8 * 256);
let idPoolAt = idPool.length;

/** A new request id: 16 hex characters, as the services mint them. */
export function newRequestId(): string {
  if (idPoolAt + 8 > idPool.length) {
    randomFillSync(idPool);
    idPoolAt = 0;
  }
  const id = idPool.toString("hex", idPoolAt, idPoolAt + 8);
  idPoolAt += 8;
  return id;
}

/** Whether the services would keep this `x-request-id` (else they replace it with their own). */
export function validRequestId(value: string | undefined): boolean {
  return value !== undefined && SAFE_REQUEST_ID.test(value);
}
