/**
 * @module http/app: `createConsulApp(deps)` is the Consul HTTP API as a plain Node request
 * listener (no framework: blocking queries hold hundreds of idle requests and a KV write must
 * wake them in a few ms). It never listens; `agent.ts` does.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { ConsulError, methodNotAllowed } from "../errors.js";
import {
  agentServiceHealth,
  deregisterService,
  getAgentService,
  listAgentServices,
  registerService,
  serviceMaintenance,
} from "./agent-services.js";
import { deregisterCheck, listAgentChecks, registerCheck, updateCheck } from "./agent-checks.js";
import { catalogDatacenters, catalogNode, catalogNodes, catalogService, catalogServices } from "./catalog.js";
import { type Context, createContext } from "./context.js";
import type { Deps } from "./deps.js";
import { healthChecks, healthNode, healthService, healthState } from "./health.js";
import { kvHandler } from "./kv.js";
import { sendText } from "./respond.js";
import { agentMembers, agentSelf, statusLeader, statusPeers } from "./self.js";

type Handler = (ctx: Context) => Promise<void>;

interface Route {
  methods: readonly string[];
  path: string;
  /** A prefix route takes the rest of the path as `ctx.tail`. */
  prefix: boolean;
}

const GET = ["GET"];
const PUT = ["PUT", "POST"];

export function createConsulApp(deps: Deps, log: (line: string) => void = () => {}): RequestListener {
  const routes: [Route, Handler][] = [
    [{ methods: ["GET", "PUT", "POST", "DELETE"], path: "/v1/kv/", prefix: true }, kvHandler(deps)],
    [{ methods: PUT, path: "/v1/agent/service/register", prefix: false }, registerService(deps)],
    [{ methods: PUT, path: "/v1/agent/service/deregister/", prefix: true }, deregisterService(deps)],
    [{ methods: PUT, path: "/v1/agent/service/maintenance/", prefix: true }, serviceMaintenance(deps)],
    [{ methods: GET, path: "/v1/agent/services", prefix: false }, listAgentServices(deps)],
    [{ methods: GET, path: "/v1/agent/health/service/name/", prefix: true }, agentServiceHealth(deps, "name")],
    [{ methods: GET, path: "/v1/agent/health/service/id/", prefix: true }, agentServiceHealth(deps, "id")],
    [{ methods: GET, path: "/v1/agent/service/", prefix: true }, getAgentService(deps)],
    [{ methods: GET, path: "/v1/agent/checks", prefix: false }, listAgentChecks(deps)],
    [{ methods: PUT, path: "/v1/agent/check/register", prefix: false }, registerCheck(deps)],
    [{ methods: PUT, path: "/v1/agent/check/deregister/", prefix: true }, deregisterCheck(deps)],
    [{ methods: PUT, path: "/v1/agent/check/pass/", prefix: true }, updateCheck(deps, "pass")],
    [{ methods: PUT, path: "/v1/agent/check/warn/", prefix: true }, updateCheck(deps, "warn")],
    [{ methods: PUT, path: "/v1/agent/check/fail/", prefix: true }, updateCheck(deps, "fail")],
    [{ methods: PUT, path: "/v1/agent/check/update/", prefix: true }, updateCheck(deps, "update")],
    [{ methods: GET, path: "/v1/agent/self", prefix: false }, agentSelf(deps)],
    [{ methods: GET, path: "/v1/agent/members", prefix: false }, agentMembers(deps)],
    [{ methods: GET, path: "/v1/status/leader", prefix: false }, statusLeader()],
    [{ methods: GET, path: "/v1/status/peers", prefix: false }, statusPeers()],
    [{ methods: GET, path: "/v1/catalog/datacenters", prefix: false }, catalogDatacenters(deps)],
    [{ methods: GET, path: "/v1/catalog/services", prefix: false }, catalogServices(deps)],
    [{ methods: GET, path: "/v1/catalog/service/", prefix: true }, catalogService(deps)],
    [{ methods: GET, path: "/v1/catalog/nodes", prefix: false }, catalogNodes(deps)],
    [{ methods: GET, path: "/v1/catalog/node/", prefix: true }, catalogNode(deps)],
    [{ methods: GET, path: "/v1/health/service/", prefix: true }, healthService(deps)],
    [{ methods: GET, path: "/v1/health/checks/", prefix: true }, healthChecks(deps)],
    [{ methods: GET, path: "/v1/health/state/", prefix: true }, healthState(deps)],
    [{ methods: GET, path: "/v1/health/node/", prefix: true }, healthNode(deps)],
  ];

  return function consulApi(req: IncomingMessage, res: ServerResponse): void {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://agent");
    } catch {
      sendText(res, 400, "Invalid request URL");
      return;
    }
    const match = routes.find(([r]) => (r.prefix ? url.pathname.startsWith(r.path) : url.pathname === r.path));
    if (match === undefined) {
      sendText(res, 404, "404 page not found\n");
      return;
    }
    const [route, handler] = match;
    run(async () => {
      const method = req.method ?? "GET";
      if (!route.methods.includes(method)) throw methodNotAllowed(method);
      const rawTail = route.prefix ? url.pathname.slice(route.path.length) : "";
      await handler(createContext(req, res, rawTail, url.searchParams));
    }, res, log);
  };
}

function run(work: () => Promise<void>, res: ServerResponse, log: (line: string) => void): void {
  work().catch((error: unknown) => {
    if (error instanceof ConsulError) {
      sendText(res, error.status, error.message);
      return;
    }
    log(`consul api: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    sendText(res, 500, error instanceof Error ? error.message : "internal error");
  });
}
