/**
 * @module nomad/core: what the engine's parts share: the store, the clock, IDs, the node, the
 * timers, and the serial queue every read-modify-write of Nomad records goes through (so two
 * evaluations never plan from the same stale state).
 */
import type { NodeInfo } from "@forex-mesh/task-runner";
import type { DurableStore } from "../store/durable-store.js";
import type { NomadWrite } from "./state.js";
import type { Timers } from "./timers.js";

export interface EngineDeps {
  store: DurableStore;
  /** Unix ms. */
  now: () => number;
  random: () => number;
  newId: () => string;
  dataDir: string;
  datacenter: string;
  region: string;
  nodeId: string;
  nodeName: string;
  /** Our HTTP address (`host:port`), what `/v1/node/:id` reports as HTTPAddr. */
  httpAddr: () => string;
  node: NodeInfo;
  hostEnv: Record<string, string | undefined>;
  log: (line: string) => void;
}

export class Serial {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(work, work);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}

export interface Core {
  deps: EngineDeps;
  timers: Timers;
  serial: Serial;
  write(w: Omit<NomadWrite, "type">): Promise<number>;
}

export function makeCore(deps: EngineDeps, timers: Timers): Core {
  return {
    deps,
    timers,
    serial: new Serial(),
    async write(w) {
      const result = await deps.store.commit({ type: "nomad-write", ...w });
      if (!result.ok) throw new Error(result.error ?? "nomad write refused");
      return deps.store.state.index;
    },
  };
}
