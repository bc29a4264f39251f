/**
 * @module context: the backends built once from the config (on `globalThis`, see runtime.ts), in
 * two views. `backends()` is live: mutations and the reads they check-and-set against go through
 * it, and each of its writes clears the read cache. `readBackends()` shares reads for a moment
 * (read-cache.ts): what the polled GET routes use.
 */
import { type Backends, createBackends } from "./backends";
import { createReadCache, type ReadCache } from "./read-cache";
import { serverConfig } from "./runtime";

const KEY = Symbol.for("forex-mesh.console.backends");
type Holder = { [KEY]?: { live: Backends; cached: Backends; cache: ReadCache } };

/** Below the pages' 3 s poll and Prometheus' 5 s scrape: a page never sees older data than its own refresh would. */
const READ_TTL_MS = 1_000;
/** Convergence ("applied on N/N sidecars") must show a change within the 2 s the operator waits. */
const SIDECAR_TTL_MS = 250;

const WRITES = ["kvPut", "deploymentAction", "revertJob", "registerJob"] as const satisfies ReadonlyArray<keyof Backends>;
const READS = ["services", "health", "kvGet", "query", "queryRange", "allocations", "latestDeployment", "jobVersions", "jobInfo", "jobDeployments", "sidecarRoutes"] as const satisfies ReadonlyArray<keyof Backends>;

function build(): { live: Backends; cached: Backends; cache: ReadCache } {
  const raw = createBackends(serverConfig());
  const cache = createReadCache();
  const live: Backends = { ...raw };
  for (const name of WRITES) {
    const write = raw[name] as (...args: unknown[]) => Promise<unknown>;
    (live as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      try {
        return await write(...args);
      } finally {
        cache.clear();
      }
    };
  }
  const cached: Backends = { ...live };
  for (const name of READS) {
    const read = raw[name] as (...args: unknown[]) => Promise<unknown>;
    const ttl = name === "sidecarRoutes" ? SIDECAR_TTL_MS : READ_TTL_MS;
    (cached as Record<string, unknown>)[name] = (...args: unknown[]) => cache.get(`${name}:${JSON.stringify(args)}`, ttl, () => read(...args));
  }
  return { live, cached, cache };
}

function holder() {
  const h = globalThis as Holder;
  h[KEY] ??= build();
  return h[KEY];
}

export function backends(): Backends {
  return holder().live;
}

export function readBackends(): Backends {
  return holder().cached;
}

/**
 * A polled GET route's whole answer, shared like the reads it is built from (same TTL, cleared by
 * the same writes): 20 pages polling the topology then cost one assembly per second, not twenty.
 */
export function sharedAnswer<T>(key: string, build: () => Promise<T>): Promise<T> {
  return holder().cache.get(`answer:${key}`, READ_TTL_MS, build);
}
