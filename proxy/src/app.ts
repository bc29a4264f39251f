/**
 * @module createApp(deps): the proxy's listeners wired to discovery, without listening yet. main.ts
 * (and tests) decide ports, config and the discovery implementation.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { routeKey } from "@forex-mesh/routing";
import { Pool, Registry } from "./deps.js";
import { createAdminHandler } from "./admin.js";
import { createAccessLog } from "./http/access-log.js";
import type { Config } from "./config.js";
import type { Discovery, Watch } from "./discovery/types.js";
import { ErrorCode, ProxyError } from "./errors.js";
import type { ListenerContext, ListenerKind } from "./http/context.js";
import { Exchange } from "./http/exchange.js";
import { FaultState } from "./faults/fault-state.js";
import { edgePasses, egressPasses, ingressPasses, type Pass } from "./http/passes.js";
import type { Logger } from "./log.js";
import { ProxyMetrics } from "./metrics.js";
import { POOL_OPTIONS } from "./upstream/endpoint.js";
import { Upstream } from "./upstream/upstream.js";

export interface AppDeps {
  config: Config;
  discovery: Discovery;
  log: Logger;
  registry?: Registry;
  /** Monotonic ms (latency, timeouts, accrual). */
  clock?: () => number;
  /** Wall-clock ms since the epoch (fault entries expire at a date); Date.now by default. */
  wallClock?: () => number;
  rand?: () => number;
  /** Where access-log lines go (stderr by default, like the other log lines). */
  accessLogWrite?: (line: string) => void;
}

export interface ListenAddresses {
  admin: number;
  ingress?: number;
  egress?: number;
  public?: number;
}

export interface ProxyApp {
  readonly registry: Registry;
  readonly upstreams: ReadonlyMap<string, Upstream>;
  listen(): Promise<ListenAddresses>;
  close(): Promise<void>;
}

export function createApp(deps: AppDeps): ProxyApp {
  const { config, discovery, log } = deps;
  const clock = deps.clock ?? (() => performance.now());
  const rand = deps.rand ?? Math.random;
  const wallClock = deps.wallClock ?? Date.now;
  const registry = deps.registry ?? new Registry();
  const metrics = new ProxyMetrics(registry, config.service);

  const upstreams = new Map<string, Upstream>();
  const watches = new Map<string, { service: Watch; routes: Watch }>();
  for (const name of config.upstreams) {
    const upstream = new Upstream(name, metrics, log);
    upstreams.set(name, upstream);
    watches.set(name, {
      service: discovery.watchService(name, (instances) => upstream.applyInstances(instances)),
      routes: discovery.watchKey(routeKey(name), (entry) => upstream.applyKey(entry, wallClock())),
    });
  }
  // Only a sidecar has an ingress to make faulty; its fault key is watched like a routing key.
  const faults = config.mode === "sidecar" ? new FaultState(config.service, config.version, metrics, log) : undefined;
  const faultWatch = faults === undefined ? undefined : discovery.watchKey(faults.key, (entry) => faults.applyKey(entry));
  metrics.setStalenessSource(function* () {
    for (const [name, w] of watches) yield [name, Math.max(w.service.status().staleSeconds, w.routes.status().staleSeconds)];
  });

  const appPool = config.mode === "sidecar" ? new Pool(`http://${config.appHost}:${config.appPort}`, POOL_OPTIONS) : undefined;
  const base: Omit<ListenerContext, "kind" | "honourOverride"> = {
    overrideHeader: config.overrideHeader,
    overrideCookie: config.overrideCookie,
    upstreams,
    fixedUpstream: config.mode === "edge" ? upstreams.get(config.upstreams[0]!) : undefined,
    app:
      appPool === undefined
        ? undefined
        : { pool: appPool, series: metrics.series("inbound", config.service, config.version), label: "app", timeoutMs: config.appTimeoutMs, service: config.service, version: config.version },
    clock,
    wallClock,
    faults: undefined,
    rand,
    log,
    accessLog: config.accessLog
      ? createAccessLog({ service: config.service, version: config.version, alloc: config.alloc, component: `proxy-${config.mode}` }, deps.accessLogWrite)
      : undefined,
  };

  const servers: Array<{ name: keyof ListenAddresses; server: Server; host: string; port: number }> = [];
  const add = (name: keyof ListenAddresses, server: Server, host: string, port: number): void => {
    servers.push({ name, server, host, port });
  };
  if (config.mode === "sidecar") {
    add("ingress", proxyServer(config, { ...base, kind: "ingress", honourOverride: true, faults }, ingressPasses, log), config.bind, config.ingressPort!);
    add("egress", proxyServer(config, { ...base, kind: "egress", honourOverride: true }, egressPasses, log), config.bind, config.egressPort!);
  } else {
    const ctx = { ...base, kind: "edge" as ListenerKind, honourOverride: config.allowOverride };
    add("public", proxyServer(config, ctx, edgePasses, log), config.publicBind, config.publicPort!);
  }
  const admin = createAdminHandler({
    registry,
    service: config.service,
    version: config.version,
    mode: config.mode,
    upstreams,
    watches,
    app: appPool === undefined ? undefined : { pool: appPool, healthPath: config.appHealthPath },
    faults: faults === undefined || faultWatch === undefined ? undefined : { state: faults, watch: faultWatch },
    clock,
    wallClock,
  });
  add("admin", createServer(admin), config.bind, config.adminPort);

  return {
    registry,
    upstreams,
    async listen() {
      const result: Partial<ListenAddresses> = {};
      for (const { name, server, host, port } of servers) {
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen(port, host, () => resolve());
        });
        const address = server.address();
        if (address !== null && typeof address !== "string") result[name] = address.port;
      }
      return result as ListenAddresses;
    },
    async close() {
      for (const w of watches.values()) {
        w.service.stop();
        w.routes.stop();
      }
      faultWatch?.stop();
      await Promise.all(
        servers.map(
          ({ server }) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeIdleConnections();
            }),
        ),
      );
      for (const upstream of upstreams.values()) upstream.close();
      await appPool?.close();
    },
  };
}

function proxyServer(config: Config, ctx: ListenerContext, passes: readonly Pass[], log: Logger): Server {
  const server = createServer(
    // Callers (other sidecars' pools) keep connections open; outlive their idle timeout.
    { maxHeaderSize: config.maxHeaderBytes, keepAliveTimeout: 65_000, requestTimeout: 0 },
    function handle(req: IncomingMessage, res: ServerResponse) {
      if (req.method === "CONNECT") {
        const error = new ProxyError(ErrorCode.MethodNotAllowed, "CONNECT is not proxied");
        res.writeHead(error.status, { "content-type": "application/json" });
        res.end(error.body());
        return;
      }
      new Exchange(req, res, ctx).run(passes);
    },
  );
  server.on("clientError", (error: Error & { code?: string }, socket: Socket) => {
    // Node's parser refused the request (bad framing, oversized headers): answer it as JSON.
    const proxyError =
      error.code === "HPE_HEADER_OVERFLOW"
        ? new ProxyError(ErrorCode.HeadersTooLarge, `request headers exceed ${config.maxHeaderBytes} bytes`)
        : new ProxyError(ErrorCode.BadRequest, `malformed request: ${error.code ?? error.message}`);
    log.debug("client error", { code: error.code });
    if (socket.writable && !socket.destroyed) {
      const body = proxyError.body();
      socket.end(
        `HTTP/1.1 ${proxyError.status} ${proxyError.status === 431 ? "Request Header Fields Too Large" : "Bad Request"}\r\n` +
          `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    } else {
      socket.destroy();
    }
  });
  return server;
}
