/**
 * @module http/agent-services: `/v1/agent/service/*` and `/v1/agent/services`.
 * https://developer.hashicorp.com/consul/api-docs/agent/service
 */
import { createHash } from "node:crypto";
import { aggregateStatus, checksOfService } from "../consul/health.js";
import { parseServiceDefinition } from "../consul/register.js";
import { agentServiceView, checkView } from "../consul/views.js";
import { badRequest, ConsulError, notFound } from "../errors.js";
import { TOPIC_SERVICES } from "../store/topics.js";
import type { ServiceRecord } from "../store/types.js";
import { blockingQuery } from "./blocking.js";
import { type Context, jsonBody } from "./context.js";
import type { Deps } from "./deps.js";
import { filterFrom } from "./query-filter.js";
import { sendEmpty, sendJson, setQueryMeta } from "./respond.js";

export function registerService(deps: Deps) {
  return async function register(ctx: Context): Promise<void> {
    const parsed = parseServiceDefinition(await jsonBody(ctx));
    if (!parsed.ok) throw badRequest(parsed.error);
    const { service, checks } = parsed.value;
    const ids = new Set<string>();
    for (const check of checks) {
      if (ids.has(check.id)) throw badRequest(`Duplicate check ID "${check.id}"`);
      ids.add(check.id);
    }
    await deps.store.commit({
      type: "service-register",
      service,
      checks,
      replaceExistingChecks: ctx.has("replace-existing-checks"),
      now: deps.now(),
    });
    sendEmpty(ctx.res);
  };
}

export function deregisterService(deps: Deps) {
  return async function deregister(ctx: Context): Promise<void> {
    if (ctx.tail === "") throw badRequest("Missing service ID");
    await deps.store.commit({ type: "service-deregister", id: ctx.tail });
    sendEmpty(ctx.res);
  };
}

/**
 * `PUT /v1/agent/service/maintenance/:id?enable=true|false&reason=`: a critical check
 * `_service_maintenance:<id>` takes the instance out of `passing` answers and makes its aggregate
 * status `maintenance`.
 */
export function serviceMaintenance(deps: Deps) {
  return async function maintenance(ctx: Context): Promise<void> {
    const enable = ctx.query.get("enable");
    if (enable !== "true" && enable !== "false") throw badRequest("Missing value for enable");
    if (!deps.store.state.services.has(ctx.tail)) throw notFound(`Unknown service ID "${ctx.tail}"`);
    const id = `_service_maintenance:${ctx.tail}`;
    if (enable === "false") {
      await deps.store.commit({ type: "check-deregister", id });
    } else {
      const reason = ctx.query.get("reason") || "Maintenance mode is enabled for this service, but no reason was provided. This is a default message.";
      const check = { id, name: "Service Maintenance Mode", serviceId: ctx.tail, status: "critical" as const, notes: reason, output: "", definition: { type: "" as const } };
      await deps.store.commit({ type: "check-register", check, now: deps.now() });
    }
    sendEmpty(ctx.res);
  };
}

export function listAgentServices(deps: Deps) {
  return function services(ctx: Context): Promise<void> {
    const keep = filterFrom(ctx);
    return blockingQuery(ctx, deps, [TOPIC_SERVICES], () => {
      const out: Record<string, unknown> = {};
      for (const s of sortedServices(deps)) {
        const view = agentServiceView(s, deps.node);
        if (keep(view)) out[s.id] = view;
      }
      return { index: deps.store.state.servicesTableIndex, body: out };
    });
  };
}

/** `GET /v1/agent/service/:id` with its ContentHash (hash-based blocking is not offered). */
export function getAgentService(deps: Deps) {
  return async function service(ctx: Context): Promise<void> {
    const s = deps.store.state.services.get(ctx.tail);
    if (s === undefined) throw notFound(`unknown service ID: ${ctx.tail}`);
    const view = agentServiceView(s, deps.node);
    const hash = createHash("sha256").update(JSON.stringify(view)).digest("hex").slice(0, 16);
    ctx.res.setHeader("X-Consul-ContentHash", hash);
    setQueryMeta(ctx.res, s.modifyIndex, "leader");
    sendJson(ctx.res, 200, { ...view, ContentHash: hash });
  };
}

/** `GET /v1/agent/health/service/{name|id}/:x`: 200 passing, 429 warning, 503 critical, 404 unknown. */
export function agentServiceHealth(deps: Deps, by: "name" | "id") {
  return async function health(ctx: Context): Promise<void> {
    const state = deps.store.state;
    const matches = [...state.services.values()].filter((s) => (by === "name" ? s.name : s.id) === ctx.tail);
    const entries = matches.map((s) => {
      const checks = checksOfService(state, s.id);
      return {
        AggregatedStatus: aggregateStatus(checks),
        Service: agentServiceView(s, deps.node),
        Checks: checks.map((c) => checkView(c, deps.node, s.tags)),
      };
    });
    const overall = aggregateStatus(matches.flatMap((s) => checksOfService(state, s.id)));
    const status = matches.length === 0 ? 404 : overall === "passing" ? 200 : overall === "warning" ? 429 : 503;
    if (ctx.query.get("format") === "text") {
      if (status === 404) throw new ConsulError(404, "NOT_FOUND", `ServiceName ${ctx.tail} Not found`);
      ctx.res.writeHead(status, { "Content-Type": "text/plain" });
      ctx.res.end(overall);
      return;
    }
    if (status === 404) throw notFound(`unknown service ${by}: ${ctx.tail}`);
    sendJson(ctx.res, status, by === "id" ? entries[0] : entries);
  };
}

function sortedServices(deps: Deps): ServiceRecord[] {
  return [...deps.store.state.services.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}
