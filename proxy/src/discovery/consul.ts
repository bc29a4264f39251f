/**
 * @module Discovery through the Consul HTTP API: one blocking-query loop per watched thing
 * (`GET /v1/health/service/<name>?passing` and `GET /v1/kv/<key>`, with `index` and `wait`).
 * When Consul stops answering, the last data stays in force and the watch reports how stale it is.
 * Client rules from Consul's blocking-query docs: reset to 0 when the index goes backwards, treat
 * index ≤ 0 as 1, and rate-limit loops that return early without a change.
 */
import { Pool, poolRequest } from "../deps.js";
import { z } from "zod";
import type { Discovery, Instance, KeyValue, Watch, WatchStatus } from "./types.js";

export interface ConsulOptions {
  address: string;
  token: string | undefined;
  /** Blocking wait in seconds (Consul caps it at 600). */
  waitSeconds: number;
  now?: () => number;
  /** Called on the first failure of a watch and then at most every 30 s while it keeps failing. */
  onError?: (what: string, error: unknown, failures: number) => void;
  /** Called when a failing watch gets an answer again. */
  onRecover?: (what: string, downSeconds: number) => void;
}

const serviceEntrySchema = z.object({
  Node: z.object({ Address: z.string() }).loose(),
  Service: z
    .object({
      ID: z.string(),
      Address: z.string().optional(),
      Port: z.number().int().min(1).max(65535),
      Tags: z.array(z.string()).nullable().optional(),
      Meta: z.record(z.string(), z.string()).nullable().optional(),
    })
    .loose(),
});
const healthSchema = z.array(serviceEntrySchema);
const kvSchema = z.array(z.object({ Key: z.string(), Value: z.string().nullable(), ModifyIndex: z.number() }).loose());

export function toInstances(body: unknown): Instance[] {
  return healthSchema.parse(body).map((entry) => ({
    id: entry.Service.ID,
    address: entry.Service.Address || entry.Node.Address,
    port: entry.Service.Port,
    version: entry.Service.Meta?.version ?? "",
    canary: entry.Service.Tags?.includes("canary") ?? false,
  }));
}

export function toKeyValue(body: unknown): KeyValue | null {
  const entry = kvSchema.parse(body)[0];
  if (entry === undefined) return null;
  const value = entry.Value === null ? "" : Buffer.from(entry.Value, "base64").toString("utf8");
  return { value, modifyIndex: entry.ModifyIndex };
}

export class ConsulDiscovery implements Discovery {
  readonly #pool: Pool;
  readonly #base: string;
  readonly #watches = new Set<AbortController>();
  readonly #now: () => number;

  constructor(private readonly options: ConsulOptions) {
    const address = options.address.includes("://") ? options.address : `http://${options.address}`;
    this.#base = address.replace(/\/+$/, "");
    // One connection per watch is held by its blocking query; the pool grows to fit them.
    this.#pool = new Pool(this.#base, { connections: 64, keepAliveTimeout: 60_000 });
    this.#now = options.now ?? Date.now;
  }

  watchService(name: string, onChange: (instances: Instance[]) => void): Watch {
    const path = `/v1/health/service/${encodeURIComponent(name)}?passing=1`;
    return this.#loop(`service ${name}`, path, false, (status, body) => {
      if (status !== 200) throw new Error(`Consul answered ${status}`);
      onChange(toInstances(body));
    });
  }

  watchKey(key: string, onChange: (entry: KeyValue | null) => void): Watch {
    const path = `/v1/kv/${key.split("/").map(encodeURIComponent).join("/")}`;
    return this.#loop(`key ${key}`, path, true, (status, body) => {
      // A missing key is a 404 that still carries X-Consul-Index: a normal, empty answer.
      if (status === 404) return onChange(null);
      if (status !== 200) throw new Error(`Consul answered ${status}`);
      onChange(toKeyValue(body));
    });
  }

  /** Stops every watch (their blocking queries are aborted, not waited for) and the pool. */
  async close(): Promise<void> {
    for (const abort of this.#watches) abort.abort();
    this.#watches.clear();
    await this.#pool.close();
  }

  #loop(what: string, path: string, allow404: boolean, deliver: (status: number, body: unknown) => void): Watch {
    const waitMs = this.options.waitSeconds * 1000;
    // Consul adds up to wait/16 of jitter; beyond that plus a margin the request is hung.
    const hungAfterMs = waitMs + waitMs / 16 + 2_000;
    const abort = new AbortController();
    this.#watches.add(abort);
    const state = { ready: false, lastContactAt: 0, failing: false, inFlightSince: 0, lastError: undefined as string | undefined };
    const now = this.#now;
    const sep = path.includes("?") ? "&" : "?";

    const run = async (): Promise<void> => {
      let index = 0;
      let failures = 0;
      let failingSince = 0;
      let lastReported = 0;
      let lastDeliveredIndex = -1;
      while (!abort.signal.aborted) {
        const started = now();
        state.inFlightSince = started;
        try {
          const res = await poolRequest(this.#pool, {
            method: "GET",
            path: `${path}${sep}index=${index}&wait=${this.options.waitSeconds}s`,
            headers: this.options.token ? { "x-consul-token": this.options.token } : {},
            headersTimeout: hungAfterMs,
            bodyTimeout: hungAfterMs,
            signal: abort.signal,
          });
          const text = await res.body.text();
          const header = Number(res.headers["x-consul-index"]);
          if (res.statusCode !== 200 && !(allow404 && res.statusCode === 404)) {
            throw new Error(`Consul answered ${res.statusCode}: ${text.slice(0, 200)}`);
          }
          if (!Number.isFinite(header)) throw new Error("Consul response without X-Consul-Index");
          let next = Math.max(1, header);
          if (next < index) next = 0; // the index went backwards (e.g. Consul restarted): start over
          const body = text === "" ? null : JSON.parse(text);
          if (next !== lastDeliveredIndex || next === 0) {
            deliver(res.statusCode, body);
            lastDeliveredIndex = next;
          }
          if (failures > 0) this.options.onRecover?.(what, (now() - failingSince) / 1000);
          state.ready = true;
          state.failing = false;
          state.lastError = undefined;
          state.lastContactAt = now();
          failures = 0;
          const early = next === index && now() - started < 100;
          index = next;
          // An early return without a change must not become a hot loop.
          if (early) await sleep(100, abort.signal);
        } catch (error) {
          if (abort.signal.aborted) break;
          failures += 1;
          state.failing = true;
          state.lastError = error instanceof Error ? error.message : String(error);
          const t = now();
          if (failures === 1) failingSince = t;
          // A Consul outage must not flood the logs: the first failure, then one line per 30 s.
          if (failures === 1 || t - lastReported >= 30_000) {
            lastReported = t;
            this.options.onError?.(what, error, failures);
          }
          const backoff = Math.min(2_000, 50 * 2 ** Math.min(failures, 10));
          await sleep(backoff / 2 + Math.random() * (backoff / 2), abort.signal);
        } finally {
          state.inFlightSince = 0;
        }
      }
    };
    void run();

    return {
      status: (): WatchStatus => {
        const t = now();
        const hung = state.inFlightSince !== 0 && t - state.inFlightSince > hungAfterMs;
        const stale = (state.failing || hung) && state.lastContactAt !== 0;
        return {
          ready: state.ready,
          lastContactAt: state.lastContactAt,
          staleSeconds: stale ? (t - state.lastContactAt) / 1000 : 0,
          lastError: state.lastError,
        };
      },
      stop: () => {
        abort.abort();
        this.#watches.delete(abort);
      },
    };
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
