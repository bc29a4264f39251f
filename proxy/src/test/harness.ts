/**
 * @module Test harness: real upstream `node:http` servers and real proxies on 127.0.0.1 port 0.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { TestContext } from "node:test";
import { faultKey } from "@forex-mesh/routing";
import { listenOn } from "@forex-mesh/test-utils";
import { Registry } from "prom-client";
import { createApp, type ListenAddresses, type ProxyApp } from "../app.js";
import { loadConfig } from "../config.js";
import type { Discovery, Instance } from "../discovery/types.js";
import { createLogger } from "../log.js";
import { MemoryDiscovery } from "./memory-discovery.js";

export interface Upstream {
  url: string;
  port: number;
  server: Server;
  /** Requests seen, with their headers. */
  seen: IncomingMessage["headers"][];
  close(): Promise<void>;
}

export type Behaviour = (req: IncomingMessage, res: import("node:http").ServerResponse, n: number) => void;

/** A small upstream answering `{"version", "port"}`, or whatever `behaviour` does. */
export async function startUpstream(version: string, behaviour?: Behaviour): Promise<Upstream> {
  const seen: IncomingMessage["headers"][] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    if (behaviour) return behaviour(req, res, seen.length);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.stringify({ version, port: (server.address() as { port: number }).port, body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { "content-type": "application/json", "x-served-by": version });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  const url = await listenOn(server);
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    server,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function instance(upstream: Upstream, version: string, canary = false): Instance {
  return { id: `${version}-${upstream.port}`, address: "127.0.0.1", port: upstream.port, version, canary };
}

export interface RunningProxy {
  app: ProxyApp;
  ports: ListenAddresses;
  url(listener: "ingress" | "egress" | "public" | "admin"): string;
  close(): Promise<void>;
}

/** A proxy in this process, listening on free ports, with its own metrics registry. */
export async function startProxy(args: string[], discovery: Discovery, accessLogWrite?: (line: string) => void): Promise<RunningProxy> {
  const loaded = loadConfig(["--admin-port", "0", "--log-level", "silent", ...args], {});
  if (loaded.ok !== true) throw new Error(`bad test config: ${"message" in loaded ? loaded.message : "help"}`);
  const app = createApp({ config: loaded.config, discovery, log: createLogger("silent", {}), registry: new Registry(), accessLogWrite });
  const ports = await app.listen();
  return {
    app,
    ports,
    url: (listener) => `http://127.0.0.1:${ports[listener]}`,
    close: () => app.close(),
  };
}

/** A sidecar with ingress/egress on port 0 in front of `appPort`. */
export function sidecarArgs(service: string, appPort: number, upstreams: string[], version = "v1"): string[] {
  const args = ["--service", service, "--version", version, "--ingress-port", "0", "--egress-port", "0", "--app-port", String(appPort)];
  for (const u of upstreams) args.push("--upstream", u);
  return args;
}

/**
 * A forex-rate v2 sidecar in front of a test app, with a fault for v2 in force for 10 minutes;
 * both are closed when the test ends.
 */
export async function startFaultyIngress(t: TestContext, fault: { latencyMs: number; errorRatio: number }): Promise<{ proxy: RunningProxy; app: Upstream }> {
  const discovery = new MemoryDiscovery();
  const app = await startUpstream("v2");
  const proxy = await startProxy(sidecarArgs("forex-rate", app.port, [], "v2"), discovery);
  t.after(async () => {
    await proxy.close();
    await app.close();
  });
  const expiresAt = new Date(Date.now() + 600_000).toISOString();
  discovery.setKey(faultKey("forex-rate"), JSON.stringify({ faults: [{ version: "v2", ...fault, expiresAt }] }));
  return { proxy, app };
}
