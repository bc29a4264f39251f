/**
 * @module http/nomad/allocations: `GET /v1/allocations` (`prefix`, `task_states`),
 * `GET /v1/allocation/:id` (the full Allocation with its Job), `PUT /v1/allocation/:id/stop`.
 */
import { TOPIC_NOMAD_ALLOCS } from "../../nomad/state.js";
import type { Context } from "../context.js";
import { type NomadDeps, nomadRead, sendWrite } from "./deps.js";
import { allocFull, allocStub, idPrefixMatch } from "./views.js";

export function listAllocs(deps: NomadDeps) {
  return (ctx: Context) => {
    const prefix = ctx.query.get("prefix") ?? "";
    const taskStates = ctx.query.get("task_states") !== "false";
    return nomadRead(ctx, deps, [TOPIC_NOMAD_ALLOCS], () => {
      const s = deps.state();
      const allocs = [...s.allocs.values()].filter((a) => idPrefixMatch(a.ID, prefix));
      return { index: s.allocsIndex, body: allocs.map((a) => allocStub(s, a, { taskStates })) };
    });
  };
}

export function readAlloc(deps: NomadDeps) {
  return (ctx: Context) =>
    nomadRead(ctx, deps, [TOPIC_NOMAD_ALLOCS], () => {
      const s = deps.state();
      const a = s.allocs.get(ctx.tail);
      return a ? { index: a.ModifyIndex as number, body: allocFull(s, a) } : null;
    }, "alloc not found");
}

export function stopAlloc(deps: NomadDeps) {
  return async (ctx: Context) => {
    const answer = await deps.engine.stopAlloc(ctx.tail);
    sendWrite(ctx, answer.Index, answer);
  };
}
