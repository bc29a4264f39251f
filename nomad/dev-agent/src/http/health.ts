/**
 * @module http/health: `/v1/health/*`. `passing` keeps instances whose checks all pass, the node's
 * serfHealth included; every entry lists the node check first, as Consul does.
 * https://developer.hashicorp.com/consul/api-docs/health
 */
import { aggregateStatus, checksOfService, instancesOf, serviceIndex } from "../consul/health.js";
import { checkView, healthServiceView, nodeView, serfCheckView } from "../consul/views.js";
import { badRequest } from "../errors.js";
import { serviceTopic, TOPIC_CHECKS } from "../store/topics.js";
import type { CheckRecord } from "../store/types.js";
import { blockingQuery } from "./blocking.js";
import type { Context } from "./context.js";
import type { Deps } from "./deps.js";
import { filterFrom } from "./query-filter.js";

const STATES = new Set(["any", "passing", "warning", "critical"]);

export function healthService(deps: Deps) {
  return function service(ctx: Context): Promise<void> {
    if (ctx.tail === "") throw badRequest("Missing service name");
    const keep = filterFrom(ctx);
    const tags = ctx.query.getAll("tag");
    const passingOnly = ctx.has("passing") && ctx.query.get("passing") !== "false" && ctx.query.get("passing") !== "0";
    return blockingQuery(ctx, deps, [serviceTopic(ctx.tail)], () => {
      const state = deps.store.state;
      const body = [];
      for (const s of instancesOf(state, ctx.tail, tags)) {
        const checks = checksOfService(state, s.id);
        if (passingOnly && aggregateStatus(checks) !== "passing") continue;
        const entry = {
          Node: nodeView(deps.node),
          Service: healthServiceView(s),
          Checks: [serfCheckView(deps.node), ...checks.map((c) => checkView(c, deps.node, s.tags))],
        };
        if (keep(entry)) body.push(entry);
      }
      return { index: serviceIndex(state, ctx.tail), body };
    });
  };
}

export function healthChecks(deps: Deps) {
  return function checks(ctx: Context): Promise<void> {
    if (ctx.tail === "") throw badRequest("Missing service name");
    const keep = filterFrom(ctx);
    return blockingQuery(ctx, deps, [serviceTopic(ctx.tail)], () => {
      const state = deps.store.state;
      const body = instancesOf(state, ctx.tail, []).flatMap((s) =>
        checksOfService(state, s.id).map((c) => checkView(c, deps.node, s.tags)),
      );
      return { index: serviceIndex(state, ctx.tail), body: body.filter(keep) };
    });
  };
}

export function healthState(deps: Deps) {
  return function byState(ctx: Context): Promise<void> {
    if (!STATES.has(ctx.tail)) throw badRequest(`Invalid state: "${ctx.tail}" (any, passing, warning or critical)`);
    const keep = filterFrom(ctx);
    return blockingQuery(ctx, deps, [TOPIC_CHECKS], () => {
      const state = deps.store.state;
      const views = [serfCheckView(deps.node), ...sortedChecks(state.checks).map((c) => view(deps, c))];
      const body = views.filter((v) => (ctx.tail === "any" || v["Status"] === ctx.tail) && keep(v));
      return { index: state.checksTableIndex, body };
    });
  };
}

export function healthNode(deps: Deps) {
  return function node(ctx: Context): Promise<void> {
    const keep = filterFrom(ctx);
    return blockingQuery(ctx, deps, [TOPIC_CHECKS], () => {
      const state = deps.store.state;
      if (ctx.tail !== deps.node.name) return { index: state.checksTableIndex, body: [] };
      const body = [serfCheckView(deps.node), ...sortedChecks(state.checks).map((c) => view(deps, c))].filter(keep);
      return { index: state.checksTableIndex, body };
    });
  };
}

function sortedChecks(checks: Map<string, CheckRecord>): CheckRecord[] {
  return [...checks.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function view(deps: Deps, c: CheckRecord): Record<string, unknown> {
  return checkView(c, deps.node, deps.store.state.services.get(c.serviceId)?.tags ?? []);
}
