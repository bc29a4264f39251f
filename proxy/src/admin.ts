/**
 * @module The admin listener: `/metrics`, `/healthz` (alive), `/readyz` (discovery answered and,
 * for a sidecar, the app answers its health path), `/routes` (what this proxy routes by right now),
 * `/faults` (sidecar: the fault table in force and the entry that applies to this version now).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Pool, poolRequest, type Registry } from "./deps.js";
import type { Discovery, Watch } from "./discovery/types.js";
import { ErrorCode, ProxyError, sendError } from "./errors.js";
import { currentEwma } from "./logic/balancer.js";
import type { FaultState } from "./faults/fault-state.js";
import type { Upstream } from "./upstream/upstream.js";

export interface AdminDeps {
  registry: Registry;
  service: string;
  version: string;
  mode: "sidecar" | "edge";
  upstreams: ReadonlyMap<string, Upstream>;
  watches: ReadonlyMap<string, { service: Watch; routes: Watch }>;
  app: { pool: Pool; healthPath: string } | undefined;
  faults: { state: FaultState; watch: Watch } | undefined;
  clock: () => number;
  wallClock: () => number;
}

export type { Discovery };

export function createAdminHandler(deps: AdminDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return function admin(req, res) {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") return sendError(res, new ProxyError(ErrorCode.MethodNotAllowed, `${req.method} is not allowed here; use GET`));
    switch (path) {
      case "/healthz":
        return sendJson(res, 200, { status: "ok" });
      case "/metrics":
        deps.registry.metrics().then(
          (text) => {
            res.writeHead(200, { "content-type": deps.registry.contentType });
            res.end(text);
          },
          (error: unknown) => sendJson(res, 500, { error: { code: "metrics_failed", message: String(error) } }),
        );
        return;
      case "/readyz":
        readiness(deps).then(({ ready, checks }) => sendJson(res, ready ? 200 : 503, { ready, checks }));
        return;
      case "/routes":
        return sendJson(res, 200, routes(deps));
      case "/faults":
        if (deps.faults === undefined) return sendError(res, new ProxyError(ErrorCode.NotFound, "an edge applies no faults; /faults is a sidecar's"));
        return sendJson(res, 200, faults(deps, deps.faults));
      default:
        return sendError(res, new ProxyError(ErrorCode.NotFound, `no admin endpoint ${path}; try /metrics, /healthz, /readyz, /routes, /faults`));
    }
  };
}

async function readiness(deps: AdminDeps): Promise<{ ready: boolean; checks: Record<string, string> }> {
  const checks: Record<string, string> = {};
  for (const [name, watch] of deps.watches) {
    checks[`discovery:${name}`] = watch.service.status().ready && watch.routes.status().ready ? "ok" : "waiting for the first Consul answer";
  }
  if (deps.app !== undefined) checks.app = await appHealth(deps.app);
  return { ready: Object.values(checks).every((c) => c === "ok"), checks };
}

async function appHealth(app: { pool: Pool; healthPath: string }): Promise<string> {
  try {
    const res = await poolRequest(app.pool, { path: app.healthPath, method: "GET", headersTimeout: 1_000, bodyTimeout: 1_000 });
    await res.body.dump();
    return res.statusCode >= 200 && res.statusCode < 300 ? "ok" : `app answered ${res.statusCode}`;
  } catch (error) {
    return `app unreachable: ${(error as { code?: string }).code ?? String(error)}`;
  }
}

function routes(deps: AdminDeps): unknown {
  const now = deps.clock();
  return {
    service: deps.service,
    version: deps.version,
    mode: deps.mode,
    upstreams: [...deps.upstreams.values()].map((u) => {
      const watch = deps.watches.get(u.name);
      const discovery = watch?.service.status();
      const kv = watch?.routes.status();
      return {
        service: u.name,
        revision: u.revision,
        appliedAt: u.appliedAt > 0 ? new Date(u.appliedAt).toISOString() : null,
        table: u.table,
        source: u.table === null ? "default (no key: even over stable instances)" : "consul-kv",
        effectiveSplit: u.snapshot.effective,
        settings: u.snapshot.settings,
        lastConfigError: u.lastConfigError ?? null,
        staleSeconds: Math.max(discovery?.staleSeconds ?? 0, kv?.staleSeconds ?? 0),
        discoveryError: discovery?.lastError ?? kv?.lastError ?? null,
        endpoints: u.endpoints().map((e) => ({
          id: e.instance.id,
          address: e.label,
          version: e.instance.version,
          canary: e.instance.canary,
          outstanding: e.outstanding,
          ewmaMs: Math.round(currentEwma(e, now) * 1000) / 1000,
          ejected: e.accrual.ejectedUntil > now,
          consecutiveFailures: e.accrual.consecutiveFailures,
        })),
      };
    }),
  };
}

function faults(deps: AdminDeps, { state, watch }: { state: FaultState; watch: Watch }): unknown {
  const status = watch.status();
  return {
    service: deps.service,
    version: deps.version,
    key: state.key,
    revision: state.revision,
    table: state.table,
    active: state.active(deps.wallClock()),
    lastConfigError: state.lastConfigError ?? null,
    staleSeconds: status.staleSeconds,
    watchError: status.lastError ?? null,
  };
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}
