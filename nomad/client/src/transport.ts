/**
 * @module transport: the request pipeline, one small step each, as in the Go client's `api/api.go`:
 * newRequest → setQueryOptions → doRequest → requireOK → parseQueryMeta → decodeBody.
 * Blocking queries (https://developer.hashicorp.com/nomad/api-docs#blocking-queries) send
 * `index` + `wait=<n>ms` and read `X-Nomad-Index` back; the fetch timeout is the wait time plus
 * Nomad's jitter (wait/16) plus a margin, so a healthy long poll never times out on our side.
 */
import type { NomadConfig } from "./config.js";
import { NomadError, NomadErrorCode, UnexpectedResponseError } from "./errors.js";

export interface QueryOptions {
  /** Block until the index behind the result is greater than this. */
  waitIndex?: number;
  /** Longest time to block, in milliseconds (Nomad caps it at 5 minutes). */
  waitTime?: number;
  prefix?: string;
  filter?: string;
  perPage?: number;
  nextToken?: string;
  namespace?: string;
  region?: string;
  /** Allow any server to answer (`stale`), as the CLI's deployment monitor does. */
  allowStale?: boolean;
  /** Endpoint-specific parameters (`all`, `related`, `diffs`...). */
  params?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
}

export interface WriteOptions {
  namespace?: string;
  region?: string;
  idempotencyToken?: string;
  params?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
}

export interface QueryMeta {
  /** `X-Nomad-Index`: pass it back as `waitIndex` to block until something changes. */
  lastIndex: number;
  /** `X-Nomad-LastContact`, milliseconds since the answering server heard from the leader. */
  lastContact: number;
  knownLeader: boolean;
  nextToken: string;
  requestTimeMs: number;
}

export interface WriteMeta {
  lastIndex: number;
  requestTimeMs: number;
}

export interface Request {
  method: "GET" | "PUT" | "POST" | "DELETE";
  url: URL;
  headers: Headers;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export type Fetch = typeof fetch;

/** Nomad's default and maximum blocking wait when `index` is given without `wait`. */
const DEFAULT_WAIT_MS = 300_000;
const TIMEOUT_MARGIN_MS = 5_000;

export function newRequest(config: NomadConfig, method: Request["method"], path: string, body?: unknown): Request {
  const url = new URL(config.address + path);
  const headers = new Headers({ Accept: "application/json" });
  if (config.token) headers.set("X-Nomad-Token", config.token);
  if (config.namespace) url.searchParams.set("namespace", config.namespace);
  if (config.region) url.searchParams.set("region", config.region);
  const req: Request = { method, url, headers, timeoutMs: config.timeoutMs };
  if (body !== undefined) {
    req.body = JSON.stringify(body);
    headers.set("Content-Type", "application/json");
  }
  return req;
}

const setParams = (url: URL, params: Record<string, string | number | boolean | undefined> | undefined) => {
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
};

export function setQueryOptions(req: Request, q: QueryOptions = {}): Request {
  const p = req.url.searchParams;
  if (q.namespace) p.set("namespace", q.namespace);
  if (q.region) p.set("region", q.region);
  if (q.allowStale) p.set("stale", "");
  if (q.prefix) p.set("prefix", q.prefix);
  if (q.filter) p.set("filter", q.filter);
  if (q.perPage) p.set("per_page", String(q.perPage));
  if (q.nextToken) p.set("next_token", q.nextToken);
  if (q.waitIndex) p.set("index", String(q.waitIndex));
  if (q.waitTime) p.set("wait", `${Math.round(q.waitTime)}ms`);
  setParams(req.url, q.params);
  if (q.waitIndex) {
    const wait = Math.min(q.waitTime ?? DEFAULT_WAIT_MS, DEFAULT_WAIT_MS);
    req.timeoutMs = Math.max(req.timeoutMs, wait + wait / 16 + TIMEOUT_MARGIN_MS);
  }
  req.signal = q.signal;
  return req;
}

export function setWriteOptions(req: Request, w: WriteOptions = {}): Request {
  const p = req.url.searchParams;
  if (w.namespace) p.set("namespace", w.namespace);
  if (w.region) p.set("region", w.region);
  if (w.idempotencyToken) p.set("idempotency_token", w.idempotencyToken);
  setParams(req.url, w.params);
  req.signal = w.signal;
  return req;
}

export async function doRequest(fetchFn: Fetch, req: Request): Promise<Response> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  const init: RequestInit = { method: req.method, headers: req.headers, signal };
  if (req.body !== undefined) init.body = req.body;
  try {
    return await fetchFn(req.url, init);
  } catch (err) {
    if (timeout.aborted) {
      throw new NomadError(NomadErrorCode.Timeout, `${req.method} ${req.url.pathname}: no answer within ${req.timeoutMs} ms`, { cause: err });
    }
    if (req.signal?.aborted) throw err;
    const reason = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new NomadError(NomadErrorCode.Transport, `${req.method} ${req.url.origin}${req.url.pathname}: ${reason}`, { cause: err });
  }
}

export async function requireOK(res: Response, expected: number[] = [200]): Promise<Response> {
  if (expected.includes(res.status)) return res;
  const body = (await res.text()).trim();
  throw new UnexpectedResponseError(res.status, res.statusText, body, expected);
}

export function parseQueryMeta(res: Response, started: number, now: number): QueryMeta {
  const h = res.headers;
  // Like the Go client, a malformed header is read as zero rather than failing the call.
  const num = (name: string) => {
    const n = Number(h.get(name) ?? "0");
    return Number.isFinite(n) ? n : 0;
  };
  return {
    lastIndex: num("X-Nomad-Index"),
    lastContact: num("X-Nomad-LastContact"),
    knownLeader: h.get("X-Nomad-KnownLeader") === "true",
    nextToken: h.get("X-Nomad-NextToken") ?? "",
    requestTimeMs: now - started,
  };
}

export async function decodeBody<T>(res: Response, req: Request): Promise<T> {
  const text = await res.text();
  if (text.length === 0) {
    // Nomad always sends a JSON body; the Go client fails the same way on an empty one.
    throw new NomadError(NomadErrorCode.Decode, `${req.method} ${req.url.pathname}: got an empty response body`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new NomadError(NomadErrorCode.Decode, `${req.method} ${req.url.pathname}: response is not JSON`, { cause: err });
  }
}

export interface Transport {
  config: NomadConfig;
  query<T>(path: string, q?: QueryOptions): Promise<{ data: T; meta: QueryMeta }>;
  write<T>(method: "PUT" | "POST" | "DELETE", path: string, body: unknown, w?: WriteOptions): Promise<{ data: T; meta: WriteMeta }>;
  /** Starts a GET and hands back the raw response, for streams such as logs. */
  stream(path: string, q?: QueryOptions): Promise<Response>;
}

export function createTransport(config: NomadConfig, fetchFn: Fetch = fetch, now: () => number = Date.now): Transport {
  return {
    config,
    async query<T>(path: string, q?: QueryOptions) {
      const started = now();
      const req = setQueryOptions(newRequest(config, "GET", path), q);
      const res = await requireOK(await doRequest(fetchFn, req));
      const meta = parseQueryMeta(res, started, now());
      return { data: await decodeBody<T>(res, req), meta };
    },
    async write<T>(method: "PUT" | "POST" | "DELETE", path: string, body: unknown, w?: WriteOptions) {
      const started = now();
      const req = setWriteOptions(newRequest(config, method, path, body), w);
      const res = await requireOK(await doRequest(fetchFn, req));
      const meta = { lastIndex: parseQueryMeta(res, started, now()).lastIndex, requestTimeMs: now() - started };
      return { data: await decodeBody<T>(res, req), meta };
    },
    async stream(path: string, q?: QueryOptions) {
      const req = setQueryOptions(newRequest(config, "GET", path), q);
      // A followed log stream may stay open for hours: only the caller's signal ends it.
      req.timeoutMs = 2 ** 31 - 1;
      return requireOK(await doRequest(fetchFn, req));
    },
  };
}
