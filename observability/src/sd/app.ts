/**
 * @module `createSdApp(deps)`: the Consul → Prometheus HTTP-SD bridge as a request listener.
 * Debian's Prometheus is built without `consul_sd_configs`, so Prometheus asks this for targets
 * (`http_sd_configs`) and this asks Consul, on every request: no cache to go stale, and when Consul
 * fails it answers 502 and Prometheus keeps the targets it had.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { ObservabilityError, ObservabilityErrorCode } from "../errors.js";
import type { ConsulReader } from "./consul.js";
import { type HealthEntry, targetGroups } from "./targets.js";

export interface SdDeps {
  consul: ConsulReader;
  log: (event: Record<string, unknown>) => void;
}

export const TARGETS_PATH = "/v1/targets";

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function fail(res: ServerResponse, status: number, code: ObservabilityErrorCode, message: string): void {
  send(res, status, { error: { code, message } });
}

export function createSdApp({ consul, log }: SdDeps): RequestListener {
  let datacenter: string | undefined;

  async function targets(): Promise<unknown> {
    datacenter ??= await consul.datacenter();
    const names = await consul.serviceNames();
    const entries = await Promise.all(names.map(async (name): Promise<[string, HealthEntry[]]> => [name, await consul.healthService(name)]));
    return targetGroups(datacenter, new Map(entries));
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? "/", "http://sd");
    if (url.pathname !== TARGETS_PATH && url.pathname !== "/healthz") {
      fail(res, 404, ObservabilityErrorCode.NotFound, `no route ${url.pathname}; try GET ${TARGETS_PATH}`);
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      fail(res, 405, ObservabilityErrorCode.MethodNotAllowed, `${req.method} not allowed; use GET`);
      return;
    }
    if ([...url.searchParams.keys()].length > 0) {
      fail(res, 400, ObservabilityErrorCode.InvalidConfig, `${url.pathname} takes no query parameters`);
      return;
    }
    if (url.pathname === "/healthz") {
      send(res, 200, { status: "ok" });
      return;
    }
    targets().then(
      (groups) => send(res, 200, groups),
      (error: unknown) => {
        if (!(error instanceof ObservabilityError)) {
          log({ level: "error", msg: "targets failed", err: String(error) });
          fail(res, 500, ObservabilityErrorCode.ConsulBadResponse, "internal error");
          return;
        }
        log({ level: "warn", msg: "consul read failed", code: error.code, err: error.message });
        fail(res, 502, error.code, error.message);
      },
    );
  };
}
