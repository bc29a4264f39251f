/**
 * @module group: the per-task-group half of Nomad's reconciler (scheduler/reconcile.go,
 * `computeGroup`): drop canaries of old or failed deployments, sort allocs into untainted /
 * reschedule-now / reschedule-later, stop surplus allocs, split version changes into in-place and
 * destructive updates, place canaries, placements and MaxParallel-bounded replacements, attach
 * the group to the deployment and say whether the group is done.
 */
import { AllocDesc, RESCHEDULE_NOW_WINDOW_MS } from "./constants.js";
import { newDeploymentState } from "./deployment.js";
import { NameIndex } from "./names.js";
import { emptyDesiredUpdates } from "./plan.js";
import { nextRescheduleTime } from "./reschedule.js";
import { isActiveDeployment, isTerminalAlloc } from "./status.js";
import type { GroupContext } from "./context.js";
import type { Allocation, DeploymentState, TaskGroup } from "./types.js";

function hasUpdate(tg: TaskGroup): boolean {
  return !!tg.Update && tg.Update.MaxParallel > 0;
}

function byName(a: Allocation, b: Allocation): number {
  return a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : a.ID < b.ID ? -1 : 1;
}

function stopAlloc(ctx: GroupContext, alloc: Allocation, description: string): void {
  if (ctx.stopped.has(alloc.ID)) return;
  ctx.stopped.add(alloc.ID);
  ctx.stop.push({ AllocID: alloc.ID, Name: alloc.Name, TaskGroup: alloc.TaskGroup, DesiredDescription: description });
}

/** Returns whether the group's part of the deployment is complete. */
export function computeGroup(ctx: GroupContext, groupName: string, groupAllocs: Allocation[]): boolean {
  const desired = emptyDesiredUpdates();
  ctx.desired[groupName] = desired;
  const tg = ctx.job.TaskGroups.find((g) => g.Name === groupName);
  if (!tg) {
    for (const alloc of groupAllocs.filter((a) => !isTerminalAlloc(a)).sort(byName)) stopAlloc(ctx, alloc, AllocDesc.NotNeeded);
    desired.Stop = groupAllocs.filter((a) => !isTerminalAlloc(a)).length;
    return true;
  }
  const d = ctx.deployment;
  const existing = d?.TaskGroups[groupName];
  const dstate: DeploymentState = existing ?? newDeploymentState(tg);

  // Terminal allocs of older versions play no part any more.
  let all = groupAllocs.filter((a) => !(isTerminalAlloc(a) && a.JobVersion < ctx.job.Version));

  // Canaries of an older deployment, or of a failed one, that were never promoted are stopped.
  const unwanted = new Set<string>();
  for (const dep of [ctx.oldDeployment, d?.Status === "failed" ? d : null]) {
    for (const s of Object.values(dep?.TaskGroups ?? {})) if (!s.Promoted) for (const id of s.PlacedCanaries) unwanted.add(id);
  }
  for (const alloc of all.filter((a) => unwanted.has(a.ID) && a.DesiredStatus === "run").sort(byName)) {
    stopAlloc(ctx, alloc, AllocDesc.NotNeeded);
    desired.Stop += 1;
  }
  all = all.filter((a) => !unwanted.has(a.ID));
  const canaryIds = new Set(Object.values(d?.TaskGroups ?? {}).flatMap((s) => s.PlacedCanaries));
  const canaries = all.filter((a) => canaryIds.has(a.ID));

  // Which allocs hold a slot, and which failed ones are replaced now or later.
  const untainted: Allocation[] = [];
  const rescheduleNow: Allocation[] = [];
  const progressBased = dstate.ProgressDeadline > 0;
  // Failed allocs that will be replaced later (with or without their follow-up eval yet).
  let waiting = 0;
  for (const alloc of all) {
    if (alloc.NextAllocation !== "" && isTerminalAlloc(alloc)) continue;
    if (alloc.DesiredStatus !== "run") continue;
    if (alloc.ClientStatus === "complete" || alloc.ClientStatus === "lost") continue;
    if (alloc.ClientStatus !== "failed") {
      untainted.push(alloc);
      continue;
    }
    // Inside an active deployment a failed alloc is only replaced when the group has a progress
    // deadline (the watcher then allows replacements); otherwise its unhealthy verdict fails the
    // deployment. One already counted healthy is replaced too: Nomad would wait for the next eval
    // after the deployment ends, leaving the group short meanwhile.
    const inActive = d !== null && alloc.DeploymentID === d.ID && isActiveDeployment(d);
    if (inActive && !progressBased && alloc.DeploymentStatus?.Healthy !== true) {
      untainted.push(alloc);
      continue;
    }
    const next = nextRescheduleTime(alloc, tg.ReschedulePolicy);
    if (next.eligible && (alloc.FollowupEvalID === ctx.evalId || next.atMs - ctx.nowMs <= RESCHEDULE_NOW_WINDOW_MS)) {
      rescheduleNow.push(alloc);
      continue;
    }
    untainted.push(alloc);
    if (next.eligible) waiting += 1;
    if (next.eligible && alloc.FollowupEvalID === "") ctx.rescheduleLater.push({ alloc, atMs: next.atMs });
  }

  const names = new NameIndex(ctx.job.ID, groupName, tg.Count, [...untainted, ...rescheduleNow]);
  let isCanarying = dstate.DesiredCanaries !== 0 && !dstate.Promoted;

  // Surplus allocs (scale-down, or old allocs after promotion) are stopped.
  const stop = computeStop(ctx, tg, names, untainted, canaries, isCanarying);
  for (const alloc of stop) stopAlloc(ctx, alloc, AllocDesc.NotNeeded);
  desired.Stop += stop.length;
  let kept = untainted.filter((a) => !stop.includes(a));

  const inplace: Allocation[] = [];
  const destructive: Allocation[] = [];
  for (const alloc of kept) {
    if (alloc.JobVersion === ctx.job.Version) desired.Ignore += 1;
    else if (isDestructiveFor(ctx, alloc, tg)) destructive.push(alloc);
    else inplace.push(alloc);
  }
  ctx.inPlace.push(...inplace);
  desired.InPlaceUpdate += inplace.length;
  if (!existing) dstate.DesiredTotal += destructive.length + inplace.length;

  if (isCanarying) kept = kept.filter((a) => !canaries.includes(a));
  const paused = d?.Status === "paused";
  const failed = d?.Status === "failed";
  const update = tg.Update;
  const requiresCanaries =
    hasUpdate(tg) && !!update && destructive.length > 0 && canaries.length < update.Canary && !dstate.Promoted;
  if (requiresCanaries && update) {
    dstate.DesiredCanaries = update.Canary;
    if (!paused && !failed) {
      const n = update.Canary - canaries.length;
      desired.Canary += n;
      for (const name of names.nextCanaries(n, canaries, destructive)) {
        ctx.place.push({ name, group: tg, canary: true, jobVersion: ctx.job.Version, previous: null, replaces: null });
      }
    }
  }
  isCanarying = dstate.DesiredCanaries !== 0 && !dstate.Promoted;

  let underProvisionedBy = computeUnderProvisionedBy(ctx, tg, kept, destructive, isCanarying);

  // Replacements for failed allocs first, then the slots still empty.
  const place: Array<{ name: string; previous: Allocation | null }> = rescheduleNow.map((a) => ({ name: a.Name, previous: a }));
  const existingCount = kept.length + rescheduleNow.length;
  if (existingCount < tg.Count) for (const name of names.next(tg.Count - existingCount)) place.push({ name, previous: null });
  if (!existing) dstate.DesiredTotal += place.length;

  const placeReady = !paused && !failed && !isCanarying;
  for (const p of place) {
    const prev = p.previous;
    const prevInFailed = failed && prev !== null && d !== null && prev.DeploymentID === d.ID;
    if (!placeReady && (prev === null || prevInFailed)) continue;
    const canary = prev?.DeploymentStatus?.Canary === true;
    // While canarying, a non-canary replacement keeps its old version (Nomad's downgradeNonCanary).
    const jobVersion = prev && isCanarying && !canary ? prev.JobVersion : ctx.job.Version;
    ctx.place.push({ name: p.name, group: tg, canary, jobVersion, previous: prev, replaces: null });
    desired.Place += 1;
  }
  if (placeReady) underProvisionedBy -= Math.min(place.length, underProvisionedBy);

  if (placeReady) {
    const n = Math.min(destructive.length, underProvisionedBy);
    // A replacement takes its old alloc's name unless a kept alloc (a promoted canary) already has
    // it; Nomad reuses the name regardless and can end up with two allocs of one index.
    const keptNames = new Set(kept.filter((a) => !destructive.includes(a)).map((a) => a.Name));
    for (const alloc of [...destructive].sort(byName).slice(0, n)) {
      const name = keptNames.has(alloc.Name) ? names.nextFree() : alloc.Name;
      keptNames.add(name);
      ctx.place.push({ name, group: tg, canary: false, jobVersion: ctx.job.Version, previous: null, replaces: alloc });
    }
    desired.DestructiveUpdate += n;
    desired.Ignore += destructive.length - n;
  } else {
    desired.Ignore += destructive.length;
  }

  attachToDeployment(ctx, tg, dstate, !!existing, all, destructive, inplace);

  const workLeft = destructive.length + inplace.length + place.length + rescheduleNow.length + waiting;
  if (workLeft > 0 || requiresCanaries || !ctx.deployment) return false;
  const s = ctx.deployment.TaskGroups[groupName];
  if (!s) return true;
  // Nomad's counters never go down, so a replaced healthy alloc still counts: also require every
  // live alloc of the deployment to be healthy.
  const did = ctx.deployment.ID;
  if (all.some((a) => a.DeploymentID === did && !isTerminalAlloc(a) && a.DeploymentStatus?.Healthy !== true)) return false;
  return s.HealthyAllocs >= Math.max(s.DesiredTotal, s.DesiredCanaries) && !(s.DesiredCanaries > 0 && !s.Promoted);
}

function isDestructiveFor(ctx: GroupContext, alloc: Allocation, tg: TaskGroup): boolean {
  // Every alloc of one version compares the same two specs: decide once per version and group.
  const key = `${tg.Name}\u0000${alloc.JobVersion}`;
  const known = ctx.destructiveCache.get(key);
  if (known !== undefined) return known;
  const fromJob = ctx.versions.get(alloc.JobVersion);
  const fromGroup = fromJob?.TaskGroups.find((g) => g.Name === tg.Name);
  // A version no longer stored cannot be compared: replace the alloc to be safe.
  const destructive = !fromJob || !fromGroup || ctx.isDestructive({ job: fromJob, group: fromGroup }, { job: ctx.job, group: tg });
  ctx.destructiveCache.set(key, destructive);
  return destructive;
}

function computeStop(
  ctx: GroupContext,
  tg: TaskGroup,
  names: NameIndex,
  untainted: Allocation[],
  canaries: Allocation[],
  isCanarying: boolean,
): Allocation[] {
  let pool = isCanarying ? untainted.filter((a) => !canaries.includes(a)) : [...untainted];
  const stop: Allocation[] = [];
  const take = (alloc: Allocation) => {
    stop.push(alloc);
    pool = pool.filter((a) => a !== alloc);
  };
  // After promotion a live canary replaces the old alloc that shares its name. Nomad stops that
  // twin only when there is a surplus; we always do, so a scale-up during a canary deployment
  // cannot leave two running allocs with one index.
  if (!isCanarying && canaries.length > 0) {
    const live = new Set(canaries.filter((c) => c.DesiredStatus === "run" && c.ClientStatus !== "failed").map((c) => c.Name));
    const twins = pool.filter((a) => !canaries.includes(a) && !isTerminalAlloc(a) && a.JobVersion < ctx.job.Version && live.has(a.Name));
    for (const alloc of twins.sort(byName)) take(alloc);
  }
  let remove = pool.length - tg.Count;
  if (remove <= 0) return stop;
  pool = pool.filter((a) => !isTerminalAlloc(a));
  const highest = names.highest(remove);
  for (const alloc of pool.filter((a) => highest.has(a.Name)).sort(byName).reverse()) {
    if (remove <= 0) return stop;
    take(alloc);
    remove -= 1;
  }
  // Duplicate names can leave a surplus: stop the highest-named of the rest.
  for (const alloc of [...pool].sort(byName).reverse()) {
    if (remove <= 0) return stop;
    take(alloc);
    remove -= 1;
  }
  return stop;
}

function computeUnderProvisionedBy(
  ctx: GroupContext,
  tg: TaskGroup,
  untainted: Allocation[],
  destructive: Allocation[],
  isCanarying: boolean,
): number {
  if (!hasUpdate(tg) || destructive.length === 0) return tg.Count;
  const d = ctx.deployment;
  if (!d) return tg.Update!.MaxParallel;
  if (d.Status === "paused" || d.Status === "failed" || isCanarying) return 0;
  let n = tg.Update!.MaxParallel;
  for (const alloc of untainted.filter((a) => a.DeploymentID === d.ID)) {
    // One unhealthy alloc halts the rollout; each one not yet healthy uses a slot.
    if (alloc.DeploymentStatus?.Healthy === false) return 0;
    if (alloc.DeploymentStatus?.Healthy !== true) n -= 1;
  }
  return Math.max(n, 0);
}

function attachToDeployment(
  ctx: GroupContext,
  tg: TaskGroup,
  dstate: DeploymentState,
  existing: boolean,
  all: Allocation[],
  destructive: Allocation[],
  inplace: Allocation[],
): void {
  if (existing || !hasUpdate(tg) || dstate.DesiredTotal === 0 || ctx.job.Type !== "service") return;
  const updatingSpec = destructive.length > 0 || ctx.inPlace.length > 0 || inplace.length > 0;
  const hadRunning = all.some((a) => a.JobVersion === ctx.job.Version);
  // A version that already ran and whose spec is unchanged needs no new deployment.
  if (hadRunning && !updatingSpec) return;
  const d = ctx.ensureDeployment();
  d.TaskGroups[tg.Name] = dstate;
}
