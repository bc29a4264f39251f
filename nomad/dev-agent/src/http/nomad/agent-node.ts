/**
 * @module http/nomad/agent-node: `GET /v1/agent/self` (the lowercase `config`/`member`/`stats`
 * shape the CLI decodes), `GET /v1/nodes` and `GET /v1/node/:id`: the one dev node, whose
 * `HTTPAddr` is this API's own address so `nomad alloc logs` can reach it directly.
 */
import { notFound } from "../../errors.js";
import type { Context } from "../context.js";
import { type NomadDeps, nomadRead } from "./deps.js";
import { idPrefixMatch } from "./views.js";

export const NOMAD_VERSION = "1.9.0";

export function agentSelf(deps: NomadDeps) {
  return (ctx: Context) => {
    const d = deps.engine.core.deps;
    const body = {
      config: { Region: d.region, Datacenter: d.datacenter, NodeName: d.nodeName, Version: { Version: NOMAD_VERSION }, UI: { ShowCLIHints: false } },
      member: { Name: `${d.nodeName}.${d.region}`, Addr: "127.0.0.1", Status: "alive", Tags: { region: d.region, dc: d.datacenter, build: NOMAD_VERSION } },
      stats: { nomad: { leader: "true", server: "true" }, client: { known_servers: "1" } },
    };
    const text = JSON.stringify(body);
    ctx.res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
    ctx.res.end(text);
    return Promise.resolve();
  };
}

function nodeRecord(deps: NomadDeps) {
  const d = deps.engine.core.deps;
  return {
    ID: d.nodeId,
    Name: d.nodeName,
    Datacenter: d.datacenter,
    NodeClass: "",
    NodePool: "default",
    HTTPAddr: d.httpAddr(),
    Address: "127.0.0.1",
    Version: NOMAD_VERSION,
    Drain: false,
    SchedulingEligibility: "eligible",
    Status: "ready",
    StatusDescription: "",
    Drivers: { raw_exec: { Detected: true, Healthy: true, HealthDescription: "Healthy" } },
    Attributes: d.node.Attributes,
    Meta: d.node.Meta,
    CreateIndex: 1,
    ModifyIndex: 1,
  };
}

export function listNodes(deps: NomadDeps) {
  return (ctx: Context) => {
    const prefix = ctx.query.get("prefix") ?? "";
    return nomadRead(ctx, deps, [], () => {
      const { Attributes: _a, Meta: _m, HTTPAddr: _h, ...stub } = nodeRecord(deps);
      return { index: 1, body: idPrefixMatch(stub.ID, prefix) ? [stub] : [] };
    });
  };
}

export function readNode(deps: NomadDeps) {
  return (ctx: Context) => {
    const node = nodeRecord(deps);
    if (ctx.tail !== node.ID) throw notFound("node not found");
    return nomadRead(ctx, deps, [], () => ({ index: 1, body: node }));
  };
}
