/**
 * @module http/nomad/logs: `GET /v1/client/fs/logs/:alloc` (§A6): `task`, `type`, `follow`,
 * `origin`, `offset`, `plain`. Framed mode writes Nomad's back-to-back JSON frames with `{}`
 * heartbeats while following; plain mode the raw bytes. Closing the connection ends a follow.
 */
import { allocDirFor, framedLogStream, plainLogStream, TaskRunnerError } from "@forex-mesh/task-runner";
import { badRequest, notFound } from "../../errors.js";
import type { Context } from "../context.js";
import { boolParam, type NomadDeps } from "./deps.js";

export function allocLogs(deps: NomadDeps) {
  return async (ctx: Context) => {
    const alloc = deps.state().allocs.get(ctx.tail);
    if (!alloc) throw notFound(`Unknown allocation "${ctx.tail}"`);
    const task = ctx.query.get("task");
    if (!task) throw badRequest("must provide task name");
    const type = ctx.query.get("type");
    if (type !== "stdout" && type !== "stderr") throw badRequest("must provide log type (stdout/stderr)");
    const origin = ctx.query.get("origin") || "start";
    if (origin !== "start" && origin !== "end") throw badRequest("origin must be start or end");
    const rawOffset = ctx.query.get("offset");
    if (rawOffset && !/^\d+$/.test(rawOffset)) throw badRequest(`failed to parse offset "${rawOffset}"`);
    const group = deps.state().jobs.get(`${alloc.Namespace}/${alloc.JobID}`)?.TaskGroups.find((g) => g.Name === alloc.TaskGroup);
    if (group && !group.Tasks.some((t) => t.Name === task)) throw notFound(`unknown task name "${task}"`);
    const abort = new AbortController();
    ctx.res.on("close", () => abort.abort());
    const opts = { origin, offset: rawOffset ? Number(rawOffset) : 0, follow: boolParam(ctx, "follow"), signal: abort.signal } as const;
    const dir = allocDirFor(deps.engine.core.deps.dataDir, alloc.ID);
    const plain = boolParam(ctx, "plain");
    const stream = plain ? plainLogStream(dir, task, type, opts) : framedLogStream(dir, task, type, opts);
    const it = stream[Symbol.asyncIterator]();
    let first: IteratorResult<string | Buffer>;
    try {
      first = await it.next();
    } catch (error) {
      if (error instanceof TaskRunnerError) {
        if (error.code === "LOGS_NOT_FOUND") throw notFound(error.message);
        if (error.code === "LOGS_INVALID_REQUEST") throw badRequest(error.message);
      }
      throw error;
    }
    ctx.res.writeHead(200, { "Content-Type": plain ? "text/plain; charset=utf-8" : "application/json" });
    try {
      for (let r = first; !r.done; r = await it.next()) {
        if (!ctx.res.write(r.value)) await new Promise((resolve) => ctx.res.once("drain", resolve));
      }
    } catch (error) {
      if (!abort.signal.aborted) deps.log(`nomad: log stream for ${alloc.ID.slice(0, 8)} ended: ${(error as Error).message}`);
    }
    ctx.res.end();
  };
}
