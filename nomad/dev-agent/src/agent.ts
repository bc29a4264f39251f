/**
 * @module agent: the composition root. Opens the store, starts the check runner, serves the
 * Consul API, and closes everything in order on `close()`.
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CheckRunner } from "./consul/check-runner.js";
import type { NodeInfo } from "./consul/views.js";
import type { AgentConfig } from "./config.js";
import { AgentStartupError } from "./errors.js";
import { createConsulApp } from "./http/app.js";
import { AnswerCache } from "./http/blocking.js";
import type { Deps } from "./http/deps.js";
import { DurableStore } from "./store/durable-store.js";
import { TOPIC_CHECKS } from "./store/topics.js";
import { WatchHub } from "./store/watch-hub.js";

/** The Consul version we report; the API surface follows 1.x. */
export const CONSUL_VERSION = "1.22.0";

export interface RunningAgent {
  consulAddr: string;
  close(): Promise<void>;
}

export interface StartAgentOptions {
  config: AgentConfig;
  log?: (line: string) => void;
  now?: () => number;
  random?: () => number;
}

export async function startAgent({ config, log = () => {}, now = Date.now, random = Math.random }: StartAgentOptions): Promise<RunningAgent> {
  const hub = new WatchHub();
  let runner: CheckRunner | undefined;
  let store: DurableStore;
  try {
    store = await DurableStore.open({
      dataDir: config.dataDir,
      onApplied: (result) => {
        hub.notify(result);
        if (result.topics.includes(TOPIC_CHECKS)) runner?.reconcile();
      },
    });
  } catch (cause) {
    throw new AgentStartupError("DATA_DIR", `cannot open data dir ${config.dataDir}: ${(cause as Error).message}`, { cause });
  }
  runner = new CheckRunner({ store, now, random, log });
  const node: NodeInfo = { name: config.nodeName, id: nodeId(config.nodeName), address: config.bind, datacenter: config.datacenter };
  const deps: Deps = {
    store,
    hub,
    node,
    now,
    random,
    currentIndex: () => store.state.index,
    ttlTouched: (id) => runner?.ttlTouched(id),
    version: CONSUL_VERSION,
    answers: new AnswerCache(),
  };
  const server = createServer(createConsulApp(deps, log));
  // Blocking queries may legitimately hold a request for 10 minutes plus jitter.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 30_000;
  try {
    await listen(server, config.consulPort, config.bind);
  } catch (error) {
    runner.stop();
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    consulAddr: `http://${config.bind}:${port}`,
    async close() {
      runner?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** A stable UUID-shaped node ID from the node name, so it survives restarts without storing it. */
function nodeId(name: string): string {
  const h = createHash("sha256").update(`forex-mesh-node:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
