/**
 * @module http/agent-checks: `/v1/agent/check/*` and `/v1/agent/checks`. A status set through
 * pass/warn/fail/update is logged only when it changes something, so a TTL heartbeat does not cost
 * an fsync each time; it always refreshes the TTL.
 * https://developer.hashicorp.com/consul/api-docs/agent/check
 */
import { parseCheck } from "../consul/register.js";
import { checkView } from "../consul/views.js";
import { badRequest, ConsulError } from "../errors.js";
import { TOPIC_CHECKS } from "../store/topics.js";
import type { CheckStatus } from "../store/types.js";
import { blockingQuery } from "./blocking.js";
import { type Context, jsonBody } from "./context.js";
import type { Deps } from "./deps.js";
import { filterFrom } from "./query-filter.js";
import { sendEmpty } from "./respond.js";

export function listAgentChecks(deps: Deps) {
  return function checks(ctx: Context): Promise<void> {
    const keep = filterFrom(ctx);
    return blockingQuery(ctx, deps, [TOPIC_CHECKS], () => {
      const state = deps.store.state;
      const out: Record<string, unknown> = {};
      for (const c of [...state.checks.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
        const view = checkView(c, deps.node, state.services.get(c.serviceId)?.tags ?? []);
        if (keep(view)) out[c.id] = view;
      }
      return { index: state.checksTableIndex, body: out };
    });
  };
}

export function registerCheck(deps: Deps) {
  return async function register(ctx: Context): Promise<void> {
    const body = await jsonBody(ctx);
    const name = typeof body === "object" && body !== null ? (body as Record<string, unknown>)["Name"] : undefined;
    if (typeof name !== "string" || name === "") throw badRequest("Missing check name");
    const parsed = parseCheck(body, { serviceId: "", defaultId: name, defaultName: name });
    if (!parsed.ok) throw badRequest(parsed.error);
    const result = await deps.store.commit({ type: "check-register", check: parsed.value, now: deps.now() });
    if (!result.ok) throw new ConsulError(400, "BAD_REQUEST", result.error ?? "check refused");
    sendEmpty(ctx.res);
  };
}

export function deregisterCheck(deps: Deps) {
  return async function deregister(ctx: Context): Promise<void> {
    await deps.store.commit({ type: "check-deregister", id: ctx.tail });
    sendEmpty(ctx.res);
  };
}

const VERB_STATUS: Record<string, CheckStatus> = { pass: "passing", warn: "warning", fail: "critical" };

/** pass / warn / fail with `?note=`, and update with a `{Status, Output}` body. */
export function updateCheck(deps: Deps, verb: "pass" | "warn" | "fail" | "update") {
  return async function update(ctx: Context): Promise<void> {
    let status: CheckStatus;
    let output: string;
    if (verb === "update") {
      const body = await jsonBody(ctx);
      if (typeof body !== "object" || body === null) throw badRequest("Request decode failed: body must be a JSON object");
      const s = (body as Record<string, unknown>)["Status"];
      const o = (body as Record<string, unknown>)["Output"] ?? "";
      if (s !== "passing" && s !== "warning" && s !== "critical") throw badRequest(`Invalid check status: "${String(s)}"`);
      if (typeof o !== "string") throw badRequest("Request decode failed: Output must be a string");
      status = s;
      output = o;
    } else {
      status = VERB_STATUS[verb] as CheckStatus;
      output = ctx.query.get("note") ?? "";
    }
    const check = deps.store.state.checks.get(ctx.tail);
    if (check === undefined) {
      throw new ConsulError(404, "UNKNOWN_CHECK", `Unknown check ID "${ctx.tail}". Ensure that the check ID is passed, not the check name.`);
    }
    if (check.definition.type !== "ttl") {
      throw new ConsulError(500, "BAD_REQUEST", `CheckID "${ctx.tail}" does not have associated TTL`);
    }
    deps.ttlTouched(ctx.tail);
    if (check.status !== status || check.output !== output) {
      const result = await deps.store.commit({ type: "check-update", id: ctx.tail, status, output, now: deps.now() });
      if (!result.ok) throw new ConsulError(404, "UNKNOWN_CHECK", result.error ?? "unknown check");
    }
    sendEmpty(ctx.res);
  };
}
