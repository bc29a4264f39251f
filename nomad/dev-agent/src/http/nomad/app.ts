/**
 * @module http/nomad/app: `createNomadApp(deps)`, the Nomad HTTP API as a plain Node request
 * listener (it never listens; `agent.ts` does). Job sub-resources are matched by suffix, as
 * Nomad's router does, so a job ID may contain `/`. Errors are text/plain with Nomad's wording.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { badRequest, ConsulError, methodNotAllowed } from "../../errors.js";
import { type Context, createContext } from "../context.js";
import { sendText } from "../respond.js";
import { agentSelf, listNodes, readNode } from "./agent-node.js";
import { listAllocs, readAlloc, stopAlloc } from "./allocations.js";
import type { NomadDeps } from "./deps.js";
import { deploymentAllocations, failDeployment, listDeployments, promoteDeployment, readDeployment } from "./deployments.js";
import { evalAllocations, listEvals, readEval } from "./evaluations.js";
import { listJobs, readJob } from "./jobs.js";
import { deregisterJob, evaluateJob, parseJob, planJob, registerJob, revertJob, scaleJob } from "./jobs-write.js";
import { allocLogs } from "./logs.js";

type Handler = (ctx: Context) => Promise<void>;
type Methods = Partial<Record<"GET" | "PUT" | "DELETE", Handler>>;

const JOB_SUFFIXES = ["allocations", "evaluations", "deployments", "deployment", "summary", "plan", "versions", "revert", "scale", "evaluate", "submission"];

export function createNomadApp(deps: NomadDeps): RequestListener {
  const exact = new Map<string, Methods>([
    ["/v1/jobs", { GET: listJobs(deps), PUT: registerJob(deps, false) }],
    ["/v1/jobs/parse", { PUT: parseJob() }],
    ["/v1/evaluations", { GET: listEvals(deps) }],
    ["/v1/allocations", { GET: listAllocs(deps) }],
    ["/v1/deployments", { GET: listDeployments(deps) }],
    ["/v1/agent/self", { GET: agentSelf(deps) }],
    ["/v1/nodes", { GET: listNodes(deps) }],
  ]);
  // [pattern, methods]; the first capture is the ID (ctx.tail).
  const patterns: [RegExp, Methods][] = [
    [/^\/v1\/job\/(.+)\/(allocations|evaluations|deployments|deployment|summary|versions|submission)$/, {}],
    [/^\/v1\/job\/(.+)\/plan$/, { PUT: planJob(deps) }],
    [/^\/v1\/job\/(.+)\/revert$/, { PUT: revertJob(deps) }],
    [/^\/v1\/job\/(.+)\/scale$/, { GET: readJob(deps, "scale"), PUT: scaleJob(deps) }],
    [/^\/v1\/job\/(.+)\/evaluate$/, { PUT: evaluateJob(deps) }],
    [/^\/v1\/job\/(.+)$/, { GET: readJob(deps, ""), PUT: registerJob(deps, true), DELETE: deregisterJob(deps) }],
    [/^\/v1\/evaluation\/(.+)\/allocations$/, { GET: evalAllocations(deps) }],
    [/^\/v1\/evaluation\/(.+)$/, { GET: readEval(deps) }],
    [/^\/v1\/allocation\/(.+)\/stop$/, { PUT: stopAlloc(deps) }],
    [/^\/v1\/allocation\/(.+)$/, { GET: readAlloc(deps) }],
    [/^\/v1\/deployment\/allocations\/(.+)$/, { GET: deploymentAllocations(deps) }],
    [/^\/v1\/deployment\/promote\/(.+)$/, { PUT: promoteDeployment(deps) }],
    [/^\/v1\/deployment\/fail\/(.+)$/, { PUT: failDeployment(deps) }],
    [/^\/v1\/deployment\/(.+)$/, { GET: readDeployment(deps) }],
    [/^\/v1\/node\/(.+)$/, { GET: readNode(deps) }],
    [/^\/v1\/client\/fs\/logs\/(.+)$/, { GET: allocLogs(deps) }],
  ];
  const subReads = new Map(JOB_SUFFIXES.map((s) => [s, readJob(deps, s)]));

  return function nomadApi(req: IncomingMessage, res: ServerResponse): void {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://agent");
    } catch {
      sendText(res, 400, "Invalid request URL");
      return;
    }
    const path = url.pathname;
    let methods = exact.get(path);
    let rawTail = "";
    if (!methods) {
      for (const [re, m] of patterns) {
        const match = re.exec(path);
        if (!match) continue;
        rawTail = match[1] as string;
        methods = match[2] ? { GET: subReads.get(match[2]) as Handler } : m;
        break;
      }
    }
    if (!methods) {
      sendText(res, 404, "404 page not found\n");
      return;
    }
    const method = req.method === "POST" ? "PUT" : (req.method ?? "GET");
    const handler = methods[method as keyof Methods];
    run(async () => {
      if (!handler) throw methodNotAllowed(req.method ?? "");
      // Better a clear refusal than a list the client believes was filtered.
      if (url.searchParams.has("filter")) throw badRequest("the dev agent does not support ?filter= on the Nomad API");
      await handler(createContext(req, res, rawTail, url.searchParams));
    }, res, deps.log);
  };
}

function run(work: () => Promise<void>, res: ServerResponse, log: (line: string) => void): void {
  work().catch((error: unknown) => {
    if (error instanceof ConsulError) {
      sendText(res, error.status, error.status === 405 ? "Invalid method" : error.message);
      return;
    }
    log(`nomad api: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    sendText(res, 500, error instanceof Error ? error.message : "internal error");
  });
}
