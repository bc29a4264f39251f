/**
 * @module http/nomad/evaluations: `GET /v1/evaluations` (`prefix`, `job`, `status`),
 * `GET /v1/evaluation/:id`, `GET /v1/evaluation/:id/allocations`.
 */
import { TOPIC_NOMAD_ALLOCS, TOPIC_NOMAD_EVALS } from "../../nomad/state.js";
import type { Context } from "../context.js";
import { type NomadDeps, nomadRead } from "./deps.js";
import { allocStub, idPrefixMatch } from "./views.js";

export function listEvals(deps: NomadDeps) {
  return (ctx: Context) => {
    const prefix = ctx.query.get("prefix") ?? "";
    const job = ctx.query.get("job");
    const status = ctx.query.get("status");
    return nomadRead(ctx, deps, [TOPIC_NOMAD_EVALS], () => {
      const s = deps.state();
      const evals = [...s.evals.values()].filter(
        (e) => idPrefixMatch(e.ID, prefix) && (!job || e.JobID === job) && (!status || e.Status === status),
      );
      return { index: s.evalsIndex, body: evals };
    });
  };
}

export function readEval(deps: NomadDeps) {
  return (ctx: Context) =>
    nomadRead(ctx, deps, [TOPIC_NOMAD_EVALS], () => {
      const e = deps.state().evals.get(ctx.tail);
      return e ? { index: e.ModifyIndex as number, body: e } : null;
    }, "eval not found");
}

export function evalAllocations(deps: NomadDeps) {
  return (ctx: Context) =>
    nomadRead(ctx, deps, [TOPIC_NOMAD_ALLOCS], () => {
      const s = deps.state();
      const allocs = [...s.allocs.values()].filter((a) => a.EvalID === ctx.tail);
      return { index: Math.max(1, ...allocs.map((a) => a.ModifyIndex as number)), body: allocs.map((a) => allocStub(s, a)) };
    });
}
