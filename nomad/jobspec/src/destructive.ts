/**
 * @module destructive: does a new job version need new allocations for a group? Mirrors the
 * scheduler's `tasksUpdated` check in Nomad (`scheduler/util.go`): changes to what a task *runs*
 * (driver, user, config, env, combined job/group/task meta, resources, ports, lifecycle, templates,
 * artifacts, ephemeral disk, number of tasks) are destructive and get canaries; everything else
 * (count, service tags/meta/checks, update/restart/reschedule policy, kill timeout, logs) is applied
 * in place to the running allocations, whose services are re-registered.
 * Compare canonical jobs (`canonicalizeJob`) so defaults never count as changes.
 */
import type { Job, NetworkResource, Task, TaskGroup } from "./types.js";

export type GroupUpdateKind = "none" | "in-place" | "destructive";

export interface GroupUpdate {
  kind: GroupUpdateKind;
  /** Why the update is destructive, e.g. `task "app" config`, for plan output and logs. */
  reason?: string;
}

/** Deep equality over JSON values, treating `undefined`, `null`, `{}` and `[]` as the same "unset". */
export function sameValue(a: unknown, b: unknown): boolean {
  const unset = (v: unknown) =>
    v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  if (unset(a) && unset(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
    return true;
  }
  return a === b;
}

/** Ports compare by label, static value and `to`: a dynamic port's assigned value is not part of the spec. */
function portsKey(networks: NetworkResource[] | null | undefined): unknown {
  return (networks ?? []).map((n) => ({
    Mode: n.Mode || "host",
    MBits: n.MBits ?? 0,
    Reserved: (n.ReservedPorts ?? []).map((p) => [p.Label, p.Value, p.To ?? 0, p.HostNetwork || "default"]),
    Dynamic: (n.DynamicPorts ?? []).map((p) => [p.Label, p.To ?? 0, p.HostNetwork || "default"]),
  }));
}

function combinedMeta(job: Job | undefined, group: TaskGroup, task: Task): Record<string, string> {
  return { ...(job?.Meta ?? {}), ...(group.Meta ?? {}), ...(task.Meta ?? {}) };
}

export interface JobContext {
  oldJob?: Job;
  newJob?: Job;
}

export function compareGroups(a: TaskGroup, b: TaskGroup, jobs: JobContext = {}): GroupUpdate {
  const reason = destructiveReason(a, b, jobs);
  if (reason) return { kind: "destructive", reason };
  const metaSame = sameValue(jobs.oldJob?.Meta, jobs.newJob?.Meta);
  return sameValue(a, b) && metaSame ? { kind: "none" } : { kind: "in-place" };
}

export function isDestructiveUpdate(a: TaskGroup, b: TaskGroup, jobs: JobContext = {}): boolean {
  return destructiveReason(a, b, jobs) !== undefined;
}

function destructiveReason(a: TaskGroup, b: TaskGroup, jobs: JobContext): string | undefined {
  const at = a.Tasks ?? [];
  const bt = b.Tasks ?? [];
  if (at.length !== bt.length) return "number of tasks";
  if (!sameValue(a.EphemeralDisk, b.EphemeralDisk)) return "ephemeral disk";
  if (!sameValue(portsKey(a.Networks), portsKey(b.Networks))) return "network";
  // Nomad compares the affinities in force for the group: job, group and every task's.
  const affinities = (job: Job | undefined, g: TaskGroup) => [job?.Affinities ?? [], g.Affinities ?? [], ...(g.Tasks ?? []).map((t) => t.Affinities ?? [])];
  if (!sameValue(affinities(jobs.oldJob, a), affinities(jobs.newJob, b))) return "affinities";
  for (const ta of at) {
    const tb = bt.find((t) => t.Name === ta.Name);
    const where = `task "${ta.Name}"`;
    if (!tb) return `${where} removed`;
    const checks: [string, unknown, unknown][] = [
      ["driver", ta.Driver ?? "", tb.Driver ?? ""],
      ["user", ta.User ?? "", tb.User ?? ""],
      ["config", ta.Config, tb.Config],
      ["env", ta.Env, tb.Env],
      ["artifacts", ta.Artifacts, tb.Artifacts],
      ["templates", ta.Templates, tb.Templates],
      ["meta", combinedMeta(jobs.oldJob, a, ta), combinedMeta(jobs.newJob, b, tb)],
      ["network", portsKey(ta.Resources?.Networks), portsKey(tb.Resources?.Networks)],
      [
        "resources",
        { ...ta.Resources, Networks: null },
        { ...tb.Resources, Networks: null },
      ],
      ["lifecycle", ta.Lifecycle, tb.Lifecycle],
      ["restart render_templates", ta.RestartPolicy?.RenderTemplates ?? false, tb.RestartPolicy?.RenderTemplates ?? false],
    ];
    for (const [what, x, y] of checks) if (!sameValue(x, y)) return `${where} ${what}`;
  }
  return undefined;
}
