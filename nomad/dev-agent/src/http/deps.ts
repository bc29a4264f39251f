/**
 * @module http/deps: what the HTTP handlers need, passed in by `createConsulApp`.
 */
import type { AnswerCache } from "./blocking.js";
import type { NodeInfo } from "../consul/views.js";
import type { DurableStore } from "../store/durable-store.js";
import type { WatchHub } from "../store/watch-hub.js";

export interface Deps {
  store: DurableStore;
  hub: WatchHub;
  node: NodeInfo;
  /** Unix ms; injected so tests can drive check bookkeeping. */
  now: () => number;
  /** [0, 1); draws the blocking-query jitter. */
  random: () => number;
  currentIndex: () => number;
  /** Tells the check runner that a TTL check was refreshed. */
  ttlTouched: (checkId: string) => void;
  version: string;
  answers?: AnswerCache;
}
