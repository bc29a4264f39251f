/**
 * @module The classes the proxy uses from undici and prom-client, loaded from their own files.
 * Both packages' index modules load much the proxy never uses (undici: fetch, WebSocket, the
 * cache and mock layers; prom-client: default metrics, cluster aggregation, the push gateway):
 * about 20 MB of resident memory per process, measured (README, "Memory"). A sidecar runs beside
 * every instance, so that is paid many times. deps.test.ts checks these are the very classes the
 * packages export, so an upgrade that moves a file fails a test instead of production.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const Pool: typeof import("undici").Pool = require("undici/lib/dispatcher/pool.js");
export type Pool = import("undici").Pool;
export const Registry: typeof import("prom-client").Registry = require("prom-client/lib/registry.js");
export type Registry = import("prom-client").Registry;
export const Counter: typeof import("prom-client").Counter = require("prom-client/lib/counter.js");
export type Counter<T extends string = string> = import("prom-client").Counter<T>;
export const Gauge: typeof import("prom-client").Gauge = require("prom-client/lib/gauge.js");
export type Gauge<T extends string = string> = import("prom-client").Gauge<T>;
export const Histogram: typeof import("prom-client").Histogram = require("prom-client/lib/histogram.js");
export type Histogram<T extends string = string> = import("prom-client").Histogram<T>;

// undici's index mixes its request API into Dispatcher.prototype; without the index, call it on
// the pool explicitly rather than mutating a shared prototype.
const requestApi: (this: Pool, options: import("undici").Dispatcher.RequestOptions) => Promise<import("undici").Dispatcher.ResponseData> =
  require("undici/lib/api/api-request.js");

/** `pool.request(options)`, for the few non-hot-path requests (Consul, the app's health). */
export function poolRequest(pool: Pool, options: import("undici").Dispatcher.RequestOptions): Promise<import("undici").Dispatcher.ResponseData> {
  return requestApi.call(pool, options);
}
