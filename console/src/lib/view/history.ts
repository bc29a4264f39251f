/**
 * @module history: Nomad's job versions (`/v1/job/:id/versions?diffs=true`), the recorded routing
 * changes and the routing table's current KV revision → the history page's timeline. Nomad lists versions newest first and
 * `Diffs[i]` is what changed from `Versions[i + 1]` to `Versions[i]`.
 */

// Nomad's diff shapes (`nomad/structs/diff.go`), only what the timeline reads.
type DiffType = "Added" | "Deleted" | "Edited" | "None";
interface FieldDiff {
  Type: DiffType;
  Name: string;
  Old: string;
  New: string;
}
interface ObjectDiff {
  Type: DiffType;
  Name: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
}
export interface JobDiff {
  Type: DiffType;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
  TaskGroups: Array<ObjectDiff & { Tasks: ObjectDiff[] | null }> | null;
}

export interface VersionsInput {
  Versions?: Array<{ Version?: number | null; SubmitTime?: number | null; Stable?: boolean | null; Meta?: Record<string, string> | null }>;
  Diffs?: Array<JobDiff | null> | null;
}
export interface Change {
  type: "Added" | "Deleted" | "Edited";
  /** Where in the job: `group api › task app › Env › FAULT_RATE` */
  path: string;
  old: string;
  new: string;
}
export interface JobEntry {
  kind: "job";
  version: number;
  /** Unix milliseconds (Nomad's SubmitTime is nanoseconds). */
  submittedMs: number | null;
  stable: boolean;
  current: boolean;
  /** The service version label this job version runs (`Meta.version`), when it has one. */
  label: string | null;
  /** Empty for the first version (nothing to compare with). */
  changes: Change[];
  first: boolean;
}
/** The route table as it is now (its KV ModifyIndex), heading the timeline. */
export interface RoutingNowEntry {
  kind: "routing-now";
  revision: number;
  summary: string;
}
/** One recorded weight change (`forex-mesh/routing-history/<service>`), placed by its time among the job versions. */
export interface RoutingEntry {
  kind: "routing";
  atMs: number;
  summary: string;
  actor: string;
  reason: string | null;
  revision: number | null;
}
export type TimelineEntry = JobEntry | RoutingNowEntry | RoutingEntry;

export interface RoutingHistoryInput {
  entries: ReadonlyArray<{ at: string; split: ReadonlyArray<{ version: string; weight: number }>; actor: string; reason?: string; revision?: number }>;
}

function collect(o: { Fields: FieldDiff[] | null; Objects: ObjectDiff[] | null }, at: string[], out: Change[]): void {
  for (const f of o.Fields ?? []) {
    if (f.Type === "None") continue;
    out.push({ type: f.Type, path: [...at, f.Name].join(" › "), old: f.Old, new: f.New });
  }
  for (const child of o.Objects ?? []) collect(child, [...at, child.Name], out);
}

/** Every changed field of a job diff, with its path through groups, tasks and nested objects. */
export function flattenDiff(diff: JobDiff | null | undefined): Change[] {
  if (!diff) return [];
  const out: Change[] = [];
  collect(diff, [], out);
  for (const g of diff.TaskGroups ?? []) {
    const at = [`group ${g.Name}`];
    if (g.Type === "Added" || g.Type === "Deleted") out.push({ type: g.Type, path: at[0]!, old: "", new: "" });
    collect(g, at, out);
    for (const t of g.Tasks ?? []) {
      const tat = [...at, `task ${t.Name}`];
      if (t.Type === "Added" || t.Type === "Deleted") out.push({ type: t.Type, path: tat.join(" › "), old: "", new: "" });
      collect(t, tat, out);
    }
  }
  return out;
}

/**
 * Job versions and recorded routing changes, newest first by time (a job version without a submit
 * time sorts by version below the dated ones); the table's current revision heads it.
 */
export function toTimeline(input: VersionsInput, routing: { revision: number; summary: string } | null, history: RoutingHistoryInput | null = null): TimelineEntry[] {
  const versions = input.Versions ?? [];
  const newest = Math.max(-1, ...versions.map((v) => v.Version ?? -1));
  const jobs: JobEntry[] = versions.map((v, i) => ({
    kind: "job",
    version: v.Version ?? 0,
    submittedMs: typeof v.SubmitTime === "number" ? Math.round(v.SubmitTime / 1e6) : null,
    stable: v.Stable === true,
    current: (v.Version ?? 0) === newest,
    label: v.Meta?.version ?? null,
    changes: i < versions.length - 1 ? flattenDiff(input.Diffs?.[i]) : [],
    first: i === versions.length - 1,
  }));
  const changes: RoutingEntry[] = (history?.entries ?? []).map((e) => ({
    kind: "routing",
    atMs: Date.parse(e.at),
    summary: e.split.map((s) => `${s.version} ${s.weight}%`).join(" · "),
    actor: e.actor,
    reason: e.reason ?? null,
    revision: e.revision ?? null,
  }));
  const timeOf = (e: JobEntry | RoutingEntry) => (e.kind === "job" ? e.submittedMs : e.atMs) ?? Number.NEGATIVE_INFINITY;
  const dated: Array<JobEntry | RoutingEntry> = [...jobs, ...changes].sort((a, b) => timeOf(b) - timeOf(a) || (a.kind === "job" && b.kind === "job" ? b.version - a.version : 0));
  return routing ? [{ kind: "routing-now", ...routing }, ...dated] : dated;
}

/** `v1 90% · v2 10%` from a route table's split; the raw value when it is not one. */
export function summarizeRoutes(value: string): string {
  try {
    const t = JSON.parse(value) as { split?: Array<{ version: string; weight: number }> };
    if (Array.isArray(t.split)) return t.split.map((s) => `${s.version} ${s.weight}%`).join(" · ");
  } catch {
    // fall through: show what is stored
  }
  return value.slice(0, 200);
}
