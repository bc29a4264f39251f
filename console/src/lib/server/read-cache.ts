/**
 * @module read-cache: the console's reads of Consul, Nomad and Prometheus, shared between callers
 * for a moment. Every open page polls the same few routes, and each route fans out to a dozen
 * backend calls; without sharing, 20 operators mean 20 copies of the same fan-out per poll. A
 * read started while the same read is in flight joins it (single flight), and its answer serves
 * later callers for `ttlMs`, below the pages' poll interval and Prometheus' scrape interval, so a
 * page never shows older data than its own refresh would. Writes clear everything (see context.ts),
 * so an operator's own change is seen at once.
 */

interface Entry {
  value: Promise<unknown>;
  /** When the read settled (clock ms); null while in flight. */
  settledAt: number | null;
}

export interface ReadCache {
  get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T>;
  clear(): void;
  readonly size: number;
}

export function createReadCache(clock: () => number = Date.now, maxEntries = 2_000): ReadCache {
  const entries = new Map<string, Entry>();
  return {
    get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && (hit.settledAt === null || clock() - hit.settledAt < ttlMs)) return hit.value as Promise<T>;
      if (entries.size >= maxEntries) entries.clear();
      const entry: Entry = { value: load(), settledAt: null };
      entries.set(key, entry);
      entry.value.then(
        () => {
          entry.settledAt = clock();
        },
        () => {
          // A failure is not shared beyond the callers already waiting: the next poll tries again.
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      return entry.value as Promise<T>;
    },
    /** Reads in flight are dropped too: a read that began before a write must not answer callers after it. */
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
