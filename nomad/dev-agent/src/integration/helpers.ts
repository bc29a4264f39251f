/**
 * Shared by the integration tests: a real dev agent process (spawned from dist/) and an npm
 * `consul` client pointed at it.
 */
import { startDevAgent, type DevAgent } from "@forex-mesh/test-utils";
import Consul from "consul";

export interface AgentWithClient {
  agent: DevAgent;
  consul: Consul;
}

export async function agentWithClient(dataDir?: string): Promise<AgentWithClient> {
  const agent = await startDevAgent(dataDir === undefined ? {} : { dataDir });
  const url = new URL(agent.consulAddr);
  return { agent, consul: new Consul({ host: url.hostname, port: Number(url.port) }) };
}

type Watch = ReturnType<Consul["watch"]>;

/**
 * Starts a client watch that records its errors instead of throwing them from the emitter, so the
 * test can assert there were none and teardown (agent stopped first) cannot fail a passed test.
 */
export function startWatch(consul: Consul, options: Parameters<Consul["watch"]>[0]): { watch: Watch; errors: Error[] } {
  const watch = consul.watch(options);
  const errors: Error[] = [];
  watch.on("error", (error: Error) => errors.push(error));
  return { watch, errors };
}

/** Resolves with the next `change` event of `watch` whose data satisfies `accept`. */
export function nextChange<T>(watch: Watch, accept: (data: T) => boolean, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      watch.off("change", onChange);
      reject(new Error(`no matching watch change within ${timeoutMs} ms`));
    }, timeoutMs);
    const onChange = (data: T): void => {
      if (!accept(data)) return;
      clearTimeout(timer);
      watch.off("change", onChange);
      resolve(data);
    };
    watch.on("change", onChange);
  });
}
