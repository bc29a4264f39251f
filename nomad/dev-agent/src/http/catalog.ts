/**
 * @module http/catalog: `/v1/catalog/*`. One node (this agent), so node listings are static and
 * service listings come straight from the store.
 * https://developer.hashicorp.com/consul/api-docs/catalog
 */
import { instancesOf, serviceIndex } from "../consul/health.js";
import { agentServiceView, catalogServiceView, nodeView } from "../consul/views.js";
import { badRequest, notFound } from "../errors.js";
import { serviceTopic, TOPIC_SERVICES } from "../store/topics.js";
import { blockingQuery } from "./blocking.js";
import type { Context } from "./context.js";
import type { Deps } from "./deps.js";
import { filterFrom } from "./query-filter.js";
import { sendJson, setQueryMeta } from "./respond.js";

export function catalogDatacenters(deps: Deps) {
  return async function datacenters(ctx: Context): Promise<void> {
    sendJson(ctx.res, 200, [deps.node.datacenter]);
  };
}

/** `{ name: [tags…] }`, with `consul` itself listed as real clusters do. */
export function catalogServices(deps: Deps) {
  return function services(ctx: Context): Promise<void> {
    const keep = filterFrom(ctx);
    return blockingQuery(ctx, deps, [TOPIC_SERVICES], () => {
      const out: Record<string, string[]> = { consul: [] };
      const state = deps.store.state;
      for (const s of [...state.services.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (!keep(catalogServiceView(s, deps.node))) continue;
        const tags = out[s.name] ?? [];
        for (const tag of s.tags) if (!tags.includes(tag)) tags.push(tag);
        out[s.name] = tags;
      }
      return { index: state.servicesTableIndex, body: out };
    });
  };
}

export function catalogService(deps: Deps) {
  return function service(ctx: Context): Promise<void> {
    if (ctx.tail === "") throw badRequest("Missing service name");
    const keep = filterFrom(ctx);
    const tags = ctx.query.getAll("tag");
    return blockingQuery(ctx, deps, [serviceTopic(ctx.tail)], () => {
      const state = deps.store.state;
      const body = instancesOf(state, ctx.tail, tags)
        .map((s) => catalogServiceView(s, deps.node))
        .filter(keep);
      return { index: serviceIndex(state, ctx.tail), body };
    });
  };
}

export function catalogNodes(deps: Deps) {
  return async function nodes(ctx: Context): Promise<void> {
    const keep = filterFrom(ctx);
    setQueryMeta(ctx.res, 1, "leader");
    sendJson(ctx.res, 200, [nodeView(deps.node)].filter(keep));
  };
}

export function catalogNode(deps: Deps) {
  return function node(ctx: Context): Promise<void> {
    if (ctx.tail !== deps.node.name) throw notFound(`node not found: ${ctx.tail}`);
    return blockingQuery(ctx, deps, [TOPIC_SERVICES], () => {
      const state = deps.store.state;
      const services: Record<string, unknown> = {};
      for (const s of state.services.values()) services[s.id] = agentServiceView(s, deps.node);
      return { index: state.servicesTableIndex, body: { Node: nodeView(deps.node), Services: services } };
    });
  };
}
