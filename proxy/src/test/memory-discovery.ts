/**
 * @module In-memory Discovery, a test double named as such: tests of the proxy core set instances
 * and keys directly instead of through Consul. The Consul adapter has its own tests against the
 * dev agent.
 */
import type { Discovery, Instance, KeyValue, Watch, WatchStatus } from "../discovery/types.js";

export class MemoryDiscovery implements Discovery {
  readonly #services = new Map<string, Instance[]>();
  readonly #keys = new Map<string, KeyValue | null>();
  readonly #serviceListeners = new Map<string, Set<(i: Instance[]) => void>>();
  readonly #keyListeners = new Map<string, Set<(kv: KeyValue | null) => void>>();
  stale = 0;
  #index = 1;

  setInstances(name: string, instances: Instance[]): void {
    this.#services.set(name, instances);
    for (const listener of this.#serviceListeners.get(name) ?? []) listener(instances);
  }

  setKey(key: string, value: string | null): number {
    this.#index += 1;
    const entry = value === null ? null : { value, modifyIndex: this.#index };
    this.#keys.set(key, entry);
    for (const listener of this.#keyListeners.get(key) ?? []) listener(entry);
    return this.#index;
  }

  watchService(name: string, onChange: (instances: Instance[]) => void): Watch {
    return this.#watch(this.#serviceListeners, name, onChange, this.#services.get(name) ?? []);
  }

  watchKey(key: string, onChange: (entry: KeyValue | null) => void): Watch {
    return this.#watch(this.#keyListeners, key, onChange, this.#keys.get(key) ?? null);
  }

  #watch<T>(map: Map<string, Set<(v: T) => void>>, name: string, onChange: (v: T) => void, current: T): Watch {
    let set = map.get(name);
    if (set === undefined) {
      set = new Set();
      map.set(name, set);
    }
    set.add(onChange);
    queueMicrotask(() => onChange(current));
    const status = (): WatchStatus => ({ ready: true, lastContactAt: Date.now(), staleSeconds: this.stale, lastError: undefined });
    return { status, stop: () => set.delete(onChange) };
  }
}
