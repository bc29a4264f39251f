/**
 * @module http/nomad/deployments: `GET /v1/deployments` (`prefix`: hex digits, dashes ignored),
 * `GET /v1/deployment/:id`, `GET /v1/deployment/allocations/:id`, `PUT /v1/deployment/promote/:id`
 * (`All` or `Groups`), `PUT /v1/deployment/fail/:id`.
 * https://developer.hashicorp.com/nomad/api-docs/deployments
 */
import { isObject, pick } from "../../consul/keys.js";
import { badRequest } from "../../errors.js";
import { TOPIC_NOMAD_ALLOCS, TOPIC_NOMAD_DEPLOYMENTS } from "../../nomad/state.js";
import { type Context, jsonBody } from "../context.js";
import { type NomadDeps, nomadRead, sendWrite } from "./deps.js";
import { allocStub, idPrefixMatch } from "./views.js";

export function listDeployments(deps: NomadDeps) {
  return (ctx: Context) => {
    const prefix = ctx.query.get("prefix") ?? "";
    return nomadRead(ctx, deps, [TOPIC_NOMAD_DEPLOYMENTS], () => {
      const s = deps.state();
      const ds = [...s.deployments.values()].filter((d) => idPrefixMatch(d.ID, prefix));
      return { index: s.deploymentsIndex, body: ds };
    });
  };
}

export function readDeployment(deps: NomadDeps) {
  return (ctx: Context) =>
    nomadRead(ctx, deps, [TOPIC_NOMAD_DEPLOYMENTS], () => {
      const d = deps.state().deployments.get(ctx.tail);
      return d ? { index: d.ModifyIndex as number, body: d } : null;
    }, "deployment not found");
}

export function deploymentAllocations(deps: NomadDeps) {
  return (ctx: Context) =>
    nomadRead(ctx, deps, [TOPIC_NOMAD_ALLOCS], () => {
      const s = deps.state();
      const allocs = [...s.allocs.values()].filter((a) => a.DeploymentID === ctx.tail);
      return { index: Math.max(1, ...allocs.map((a) => a.ModifyIndex as number)), body: allocs.map((a) => allocStub(s, a)) };
    });
}

export function promoteDeployment(deps: NomadDeps) {
  return async (ctx: Context) => {
    const body = await jsonBody(ctx);
    if (!isObject(body)) throw badRequest("Request body must be a JSON object");
    const id = pick(body, "DeploymentID");
    if (id !== ctx.tail) throw badRequest("Deployment ID does not match");
    const groups = pick(body, "Groups");
    if (groups !== null && groups !== undefined && !(Array.isArray(groups) && groups.every((g) => typeof g === "string"))) {
      throw badRequest("Groups must be a list of group names");
    }
    const answer = await deps.engine.promote(ctx.tail, pick(body, "All") === true, (groups as string[] | null) ?? []);
    sendWrite(ctx, answer.Index, answer);
  };
}

export function failDeployment(deps: NomadDeps) {
  return async (ctx: Context) => {
    await ctx.body(1 << 16);
    const answer = await deps.engine.fail(ctx.tail);
    sendWrite(ctx, answer.Index, answer);
  };
}
