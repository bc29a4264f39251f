/**
 * @module The controller's one HTTP endpoint, `GET /healthz` (JSON), for Nomad's service check and
 * for a person: whether the rollout keys are being watched, the last error, and every rollout's
 * phase. 503 while Consul cannot be watched. Anything else is a JSON 404/405.
 */
import { createServer, type Server } from "node:http";
import type { ControllerHealth } from "./controller.js";
import { RolloutErrorCode } from "./errors.js";

export interface AppDeps {
  health: () => ControllerHealth;
}

export function createApp(deps: AppDeps): Server {
  return createServer((req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== "/healthz") {
      send(404, { error: { code: RolloutErrorCode.NotFound, message: `no route ${path}; the controller serves GET /healthz only` } });
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(405, { error: { code: RolloutErrorCode.MethodNotAllowed, message: `${req.method} is not allowed on /healthz; use GET` } }, { allow: "GET, HEAD" });
      return;
    }
    const health = deps.health();
    send(health.watching ? 200 : 503, { status: health.watching ? "ok" : "not watching", ...health });
  });
}
