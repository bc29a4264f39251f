/**
 * @module monitor: nomad's evaluation monitor followed by its deployment monitor (API reference §A8,
 * steps 5-7), shared by `job run`, `job stop` and `deployment promote|fail`. The evaluation is
 * polled; the deployment is watched with blocking queries, so a change shows as soon as it happens.
 * Unlike `nomad job run`, it also stops when canaries are healthy and wait for a promotion (nomad
 * blocks there forever, hashicorp/nomad#14214): the command returns and says what to run next.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { Deployment, Evaluation, NomadClient } from "@forex-mesh/nomad-client";
import { UnexpectedResponseError } from "@forex-mesh/nomad-client";
import { deploymentDone, needsPromotion } from "../format/deployment.js";
import { formatTime, shortId } from "../format/time.js";
import { deploymentBlock } from "./deployment-view.js";
import { evalDone, evalFinished, evalStep, initialEvalState } from "./eval-view.js";
import { LiveBlock, type Output } from "./output.js";

export interface MonitorOptions {
  out: Output;
  verbose?: boolean;
  now?: () => number;
  /** How often the evaluation is polled (nomad: 1 s; our agent finishes evals in milliseconds). */
  evalPollMs?: number;
  /** Stop at "requires manual promotion" instead of blocking until someone promotes. */
  stopOnPromotion?: boolean;
  signal?: AbortSignal;
  /** The deployment to watch when the evaluation names none (promote and fail know theirs). */
  deploymentId?: string;
  /** Deployment outcomes that count as success (default: successful; `deployment fail` adds failed). */
  okStatuses?: readonly string[];
}

/** Exit status as nomad's: 0 ok, 2 placement failure, 1 anything else (a failed deployment too). */
export async function monitorEval(client: NomadClient, evalId: string, o: MonitorOptions): Promise<number> {
  const now = o.now ?? Date.now;
  const v = o.verbose ?? false;
  o.out.write(`==> ${formatTime(now())}: Monitoring evaluation "${shortId(evalId, v)}"\n`);
  let state = initialEvalState();
  let ev: Evaluation;
  let id = evalId;
  for (;;) {
    try {
      ({ data: ev } = await client.evaluations.info(id, { related: true }, { signal: o.signal }));
      const { data: allocs } = await client.evaluations.allocations(id, { signal: o.signal });
      const step = evalStep(state, ev, allocs, now(), v);
      state = step.state;
      for (const line of step.lines) o.out.write(`${line}\n`);
    } catch (error) {
      if (error instanceof UnexpectedResponseError && error.notFound) {
        o.out.write(`No evaluation with id "${id}" found\n`);
        return 1;
      }
      throw error;
    }
    if (evalDone(ev.Status)) {
      if (!ev.NextEval) break;
      o.out.write(`    ${formatTime(now())}: Monitoring next evaluation "${shortId(ev.NextEval, v)}" in ${Math.round((ev.Wait ?? 0) / 1e9)}s\n`);
      await delay(Math.floor((ev.Wait ?? 0) / 1e6), undefined, { signal: o.signal });
      id = ev.NextEval;
      state = initialEvalState();
      continue;
    }
    await delay(o.evalPollMs ?? 250, undefined, { signal: o.signal });
  }
  const finished = evalFinished(ev, now(), v);
  for (const line of finished.lines) o.out.write(`${line}\n`);
  // The deployment id may be on an earlier read of the eval only; nomad's monitor keeps it too.
  const deploymentId = ev.DeploymentID || state.deploymentId || o.deploymentId;
  if (!deploymentId) return finished.placementFailed ? 2 : 0;
  const final = await monitorDeployment(client, deploymentId, o);
  if ((o.okStatuses ?? ["successful"]).includes(final.Status ?? "") || (needsPromotion(final) && o.stopOnPromotion !== false)) return 0;
  return finished.placementFailed ? 2 : 1;
}

/** Watches a deployment until it ends (following an auto-revert's new deployment) and returns it. */
export async function monitorDeployment(client: NomadClient, deploymentId: string, o: MonitorOptions): Promise<Deployment> {
  const now = o.now ?? Date.now;
  const v = o.verbose ?? false;
  o.out.write(`==> ${formatTime(now())}: Monitoring deployment "${shortId(deploymentId, v)}"\n`);
  const block = new LiveBlock(o.out);
  let id = deploymentId;
  let index = 0;
  let tick = 0;
  for (;;) {
    // A short wait on a terminal keeps the spinner and clock moving; a pipe only prints changes.
    const { data: d, meta } = await client.deployments.info(id, { waitIndex: index || undefined, waitTime: o.out.isTTY ? 1_000 : 30_000, signal: o.signal });
    index = meta.lastIndex;
    const allocs = v ? (await client.deployments.allocations(id, { signal: o.signal })).data : undefined;
    const { key, text } = deploymentBlock(d, now(), v, tick++, allocs);
    block.update(text, key);
    if (needsPromotion(d) && o.stopOnPromotion !== false) return d;
    if (!deploymentDone(d.Status)) continue;
    const autoRevert = Object.values(d.TaskGroups ?? {}).some((g) => g.AutoRevert);
    if (d.Status !== "failed" || !autoRevert) return d;
    // Nomad's CLI waits a second for the revert's deployment to exist, then follows it.
    await delay(1_000, undefined, { signal: o.signal });
    const { data: next } = await client.jobs.latestDeployment(d.JobID ?? "", { signal: o.signal });
    if (!next?.ID || next.ID === id) return d;
    o.out.write(`==> ${formatTime(now())}: Monitoring deployment "${shortId(next.ID, v)}" (auto-revert)\n`);
    id = next.ID;
    index = 0;
  }
}
