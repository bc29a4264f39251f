/**
 * @module agent: the composition root. Opens the store, starts the check runner, serves the
 * Consul API, and closes everything in order on `close()`.
 */
import { createHash, randomUUID } from "node:crypto";
import { cpus } from "node:os";
import { currentHostFacts, devNodeInfo } from "@forex-mesh/task-runner";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CheckRunner } from "./consul/check-runner.js";
import type { NodeInfo } from "./consul/views.js";
import type { AgentConfig } from "./config.js";
import { AgentStartupError } from "./errors.js";
import { createConsulApp } from "./http/app.js";
import { AnswerCache } from "./http/blocking.js";
import type { Deps } from "./http/deps.js";
import { DurableStore } from "./store/durable-store.js";
import { createNomadApp } from "./http/nomad/app.js";
import { NOMAD_VERSION } from "./http/nomad/agent-node.js";
import { makeCore } from "./nomad/core.js";
import { NomadEngine } from "./nomad/engine.js";
import { Timers } from "./nomad/timers.js";
import { TOPIC_CHECKS } from "./store/topics.js";
import { WatchHub } from "./store/watch-hub.js";

/** The Consul version we report; the API surface follows 1.x. */
export const CONSUL_VERSION = "1.22.0";

export interface RunningAgent {
  consulAddr: string;
  nomadAddr: string;
  close(): Promise<void>;
}

export interface StartAgentOptions {
  config: AgentConfig;
  log?: (line: string) => void;
  now?: () => number;
  random?: () => number;
  /** The environment tasks inherit (minus credentials); default `process.env`. */
  hostEnv?: Record<string, string | undefined>;
}

export async function startAgent({
  config,
  log = () => {},
  now = Date.now,
  random = Math.random,
  hostEnv = process.env,
}: StartAgentOptions): Promise<RunningAgent> {
  const hub = new WatchHub();
  let runner: CheckRunner | undefined;
  let engine: NomadEngine | undefined;
  let store: DurableStore;
  try {
    store = await DurableStore.open({
      dataDir: config.dataDir,
      onApplied: (result) => {
        hub.notify(result);
        if (result.topics.includes(TOPIC_CHECKS)) {
          runner?.reconcile();
          engine?.health.observeChecks();
        }
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
  const server = httpServer(createConsulApp(deps, log));
  let nomadPort = 0;
  const timers = new Timers(now);
  engine = new NomadEngine(
    makeCore(
      {
        store,
        now,
        random,
        newId: randomUUID,
        dataDir: config.dataDir,
        datacenter: config.datacenter,
        region: "global",
        nodeId: node.id,
        nodeName: config.nodeName,
        httpAddr: () => `${config.bind}:${nomadPort}`,
        node: devNodeInfo(
          { ID: node.id, Name: config.nodeName, Datacenter: config.datacenter, Region: "global" },
          currentHostFacts(NOMAD_VERSION, cpus().length),
        ),
        hostEnv,
        log,
      },
      timers,
    ),
  );
  const nomadServer = httpServer(
    createNomadApp({
      engine,
      hub,
      random,
      answers: new AnswerCache(),
      state: () => store.state.nomad,
      currentIndex: () => store.state.index,
      log,
    }),
  );
  try {
    await listen(server, config.consulPort, config.bind, "consul api");
    await listen(nomadServer, config.nomadPort, config.bind, "nomad api");
  } catch (error) {
    runner.stop();
    server.close();
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  nomadPort = (nomadServer.address() as AddressInfo).port;
  await engine.recover();
  return {
    consulAddr: `http://${config.bind}:${port}`,
    nomadAddr: `http://${config.bind}:${nomadPort}`,
    async close() {
      runner?.stop();
      await Promise.all([closeServer(server), closeServer(nomadServer)]);
      await engine?.close();
      await store.close();
    },
  };
}

function httpServer(listener: RequestListener): Server {
  const server = createServer(listener);
  // Blocking queries may legitimately hold a request for 10 minutes plus jitter.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 30_000;
  return server;
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function listen(server: Server, port: number, host: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (cause: NodeJS.ErrnoException): void => {
      const why = cause.code === "EADDRINUSE" ? "address already in use" : cause.message;
      reject(new AgentStartupError("LISTEN", `cannot listen on ${host}:${port} (${what}): ${why}`, { cause }));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/** A stable UUID-shaped node ID from the node name, so it survives restarts without storing it. */
function nodeId(name: string): string {
  const h = createHash("sha256").update(`forex-mesh-node:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
