/**
 * @module http/self: `/v1/agent/self`, `/v1/agent/members`, `/v1/status/*`. Prometheus decodes
 * agent/self as `map[string]map[string]interface{}`, so every top-level value is an object or null.
 */
import type { Context } from "./context.js";
import type { Deps } from "./deps.js";
import { sendJson } from "./respond.js";

const SERVER_ADDR = "127.0.0.1:8300";

export function agentSelf(deps: Deps) {
  return async function self(ctx: Context): Promise<void> {
    const { node } = deps;
    sendJson(ctx.res, 200, {
      Config: {
        Datacenter: node.datacenter,
        PrimaryDatacenter: node.datacenter,
        NodeName: node.name,
        NodeID: node.id,
        Revision: "forex-mesh",
        Server: true,
        Version: deps.version,
        BuildDate: "2026-01-01T00:00:00Z",
      },
      DebugConfig: {},
      Coord: { Vec: [0, 0, 0, 0, 0, 0, 0, 0], Error: 1.5, Adjustment: 0, Height: 1e-5 },
      Member: member(deps),
      Stats: {},
      Meta: { "consul-network-segment": "" },
      xDS: null,
    });
  };
}

export function agentMembers(deps: Deps) {
  return async function members(ctx: Context): Promise<void> {
    sendJson(ctx.res, 200, [member(deps)]);
  };
}

function member(deps: Deps): Record<string, unknown> {
  return { Name: deps.node.name, Addr: deps.node.address, Port: 8301, Tags: { dc: deps.node.datacenter, role: "consul" }, Status: 1 };
}

export function statusLeader() {
  return async function leader(ctx: Context): Promise<void> {
    sendJson(ctx.res, 200, SERVER_ADDR);
  };
}

export function statusPeers() {
  return async function peers(ctx: Context): Promise<void> {
    sendJson(ctx.res, 200, [SERVER_ADDR]);
  };
}
