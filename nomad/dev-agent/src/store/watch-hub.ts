/**
 * @module store/watch-hub: who is waiting on what. Blocking queries register a waiter on the topics
 * their answer depends on; an applied write wakes only the waiters of the topics it touched. KV
 * prefix waiters are found by walking the prefixes of each changed key, so a write costs
 * O(key length + woken waiters), not O(all waiters).
 */
import type { ApplyResult } from "./events.js";
import { kvKeyTopic, kvPrefixTopic } from "./topics.js";

export type Waiter = () => void;

export class WatchHub {
  readonly #byTopic = new Map<string, Set<Waiter>>();
  #prefixWaiters = 0;

  /** Registers `waiter` on every topic; returns the function that removes it again. */
  subscribe(topics: readonly string[], waiter: Waiter): () => void {
    for (const topic of topics) {
      let set = this.#byTopic.get(topic);
      if (set === undefined) {
        set = new Set();
        this.#byTopic.set(topic, set);
      }
      set.add(waiter);
      if (topic.startsWith("kvprefix:")) this.#prefixWaiters += 1;
    }
    return () => {
      for (const topic of topics) {
        const set = this.#byTopic.get(topic);
        if (set?.delete(waiter) && topic.startsWith("kvprefix:")) this.#prefixWaiters -= 1;
        if (set?.size === 0) this.#byTopic.delete(topic);
      }
    };
  }

  /** Wakes the waiters touched by an applied write. Each waiter runs at most once per call. */
  notify(result: ApplyResult): void {
    const woken = new Set<Waiter>();
    const collect = (topic: string): void => {
      const set = this.#byTopic.get(topic);
      if (set) for (const w of set) woken.add(w);
    };
    for (const topic of result.topics) collect(topic);
    for (const key of result.kvKeys) {
      collect(kvKeyTopic(key));
      if (this.#prefixWaiters === 0) continue;
      for (let end = 0; end <= key.length; end++) collect(kvPrefixTopic(key.slice(0, end)));
    }
    for (const waiter of woken) waiter();
  }

  get size(): number {
    let n = 0;
    for (const set of this.#byTopic.values()) n += set.size;
    return n;
  }
}
