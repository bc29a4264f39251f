/**
 * @module diff: a Nomad-style JobDiff between two job versions, as `GET /v1/job/:id/versions?diffs=true`
 * and `PUT /v1/job/:id/plan` return it (`nomad/structs/diff.go`): scalar fields become FieldDiffs
 * with string values, nested structs and lists become ObjectDiffs, groups and tasks are matched by
 * name. Only changes are listed (Nomad's non-contextual mode). Pass canonical jobs.
 */
import { compareGroups, sameValue } from "./destructive.js";
import type { Job, Task, TaskGroup } from "./types.js";

export type DiffType = "Added" | "Deleted" | "Edited" | "None";

export interface FieldDiff {
  Type: DiffType;
  Name: string;
  Old: string;
  New: string;
  Annotations: string[] | null;
}

export interface ObjectDiff {
  Type: DiffType;
  Name: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
}

export interface TaskDiff extends ObjectDiff {
  Annotations: string[] | null;
}

export interface TaskGroupDiff extends ObjectDiff {
  Tasks: TaskDiff[] | null;
  /** Filled by the scheduler's plan (`create`, `destroy`, `in-place update`, `canary`...), not by the diff. */
  Updates: Record<string, number> | null;
}

export interface JobDiff {
  Type: DiffType;
  ID: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
  TaskGroups: TaskGroupDiff[] | null;
}

type Rec = Record<string, unknown>;

/** How a nested field is diffed: a struct, a list matched by key, or an opaque map flattened to paths. */
type Child = { name: string; spec?: Spec; key?: (x: Rec) => string; flat?: boolean };
interface Spec {
  skip?: string[];
  children?: Record<string, Child>;
}

const S = (x: Spec) => x;
const checkSpec = S({ children: { CheckRestart: { name: "CheckRestart" } } });
const serviceSpec = S({
  children: {
    Checks: { name: "Check", spec: checkSpec, key: (c) => String(c.Name ?? "") },
    CheckRestart: { name: "CheckRestart" },
  },
});
const networkSpec = S({
  children: {
    DynamicPorts: { name: "Dynamic Port", key: (p) => String(p.Label) },
    ReservedPorts: { name: "Static Port", key: (p) => String(p.Label) },
  },
});
const constraint: Child = { name: "Constraint", key: (c) => `${c.LTarget} ${c.Operand} ${c.RTarget}` };
const services: Child = { name: "Service", spec: serviceSpec, key: (s) => `${s.Name}/${s.PortLabel ?? ""}` };

const JOB = S({
  skip: ["TaskGroups", "Status", "StatusDescription", "Stable", "Version", "SubmitTime", "CreateIndex", "ModifyIndex", "JobModifyIndex", "Payload"],
  children: {
    Update: { name: "Update" },
    Periodic: { name: "Periodic" },
    ParameterizedJob: { name: "ParameterizedJob" },
    Reschedule: { name: "Reschedule" },
    Migrate: { name: "Migrate" },
    Constraints: constraint,
    Affinities: { name: "Affinity", key: (c) => `${c.LTarget} ${c.Operand} ${c.RTarget} ${c.Weight}` },
  },
});
const GROUP = S({
  skip: ["Tasks"],
  children: {
    Update: { name: "Update" },
    RestartPolicy: { name: "RestartPolicy" },
    ReschedulePolicy: { name: "ReschedulePolicy" },
    EphemeralDisk: { name: "EphemeralDisk" },
    Migrate: { name: "Migrate" },
    Networks: { name: "Network", spec: networkSpec, key: (n) => String(n.Mode || "host") },
    Services: services,
    Constraints: constraint,
    Affinities: { name: "Affinity", key: (c) => `${c.LTarget} ${c.Operand} ${c.RTarget} ${c.Weight}` },
  },
});
const TASK = S({
  children: {
    Config: { name: "Config", flat: true },
    Resources: { name: "Resources", spec: { children: { Networks: { name: "Network", spec: networkSpec, key: (n) => String(n.Mode || "host") } } } },
    RestartPolicy: { name: "RestartPolicy" },
    LogConfig: { name: "LogConfig" },
    Lifecycle: { name: "Lifecycle" },
    Templates: { name: "Template", key: (t) => String(t.DestPath ?? "") },
    Artifacts: { name: "Artifact", key: (a) => String(a.GetterSource ?? "") },
    Services: services,
    Constraints: constraint,
  },
});

const isUnset = (v: unknown) => sameValue(v, null);
const str = (v: unknown): string => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));
const typeOf = (a: unknown, b: unknown): DiffType =>
  isUnset(a) ? (isUnset(b) ? "None" : "Added") : isUnset(b) ? "Deleted" : sameValue(a, b) ? "None" : "Edited";
const orNull = <T>(xs: T[]): T[] | null => (xs.length ? xs : null);
const byName = <T extends { Name: string }>(xs: T[]) => xs.sort((x, y) => (x.Name < y.Name ? -1 : x.Name > y.Name ? 1 : 0));

function field(name: string, a: unknown, b: unknown): FieldDiff | undefined {
  const [o, n] = [str(a), str(b)];
  if (o === n) return undefined;
  return { Type: o === "" ? "Added" : n === "" ? "Deleted" : "Edited", Name: name, Old: o, New: n, Annotations: null };
}

/** Flattens an opaque value to `path → scalar` (`args[0]`, `mount[1].source`), like Go's flatmap. */
function flatten(v: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) flatten(x, `${prefix}[${i}]`, out);
  }
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  else if (v !== null && v !== undefined) out.set(prefix, v);
  return out;
}

function flatFields(a: unknown, b: unknown, prefix = ""): FieldDiff[] {
  const fa = flatten(a, prefix, new Map());
  const fb = flatten(b, prefix, new Map());
  const names = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  return names.flatMap((k) => field(k, fa.get(k), fb.get(k)) ?? []);
}

/** Diffs two structs: scalars and maps as fields, primitive lists as set objects, children as objects. */
function diffBody(a: Rec | null | undefined, b: Rec | null | undefined, spec: Spec): { Fields: FieldDiff[]; Objects: ObjectDiff[] } {
  const fields: FieldDiff[] = [];
  const objects: ObjectDiff[] = [];
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].sort();
  for (const k of keys) {
    if (spec.skip?.includes(k)) continue;
    const [x, y] = [a?.[k], b?.[k]];
    const child = spec.children?.[k];
    if (child) {
      objects.push(...diffChild(child, x, y));
    } else if (Array.isArray(x) || Array.isArray(y)) {
      const o = diffStringSet(k, (x as unknown[]) ?? [], (y as unknown[]) ?? []);
      if (o) objects.push(o);
    } else if ((x && typeof x === "object") || (y && typeof y === "object")) {
      fields.push(...flatFields(x, y).map((f) => ({ ...f, Name: `${k}[${f.Name}]` })));
    } else {
      const f = field(k, x, y);
      if (f) fields.push(f);
    }
  }
  return { Fields: fields, Objects: byName(objects) };
}

function diffStringSet(name: string, a: unknown[], b: unknown[]): ObjectDiff | undefined {
  const [sa, sb] = [new Set(a.map(str)), new Set(b.map(str))];
  const fields: FieldDiff[] = [
    ...[...sa].filter((x) => !sb.has(x)).map((x): FieldDiff => ({ Type: "Deleted", Name: name, Old: x, New: "", Annotations: null })),
    ...[...sb].filter((x) => !sa.has(x)).map((x): FieldDiff => ({ Type: "Added", Name: name, Old: "", New: x, Annotations: null })),
  ];
  if (!fields.length) return undefined;
  return { Type: typeOf(a, b) === "None" ? "Edited" : typeOf(a, b), Name: name, Fields: fields, Objects: null };
}

export function diffObject(name: string, a: unknown, b: unknown, spec: Spec = {}, flat = false): ObjectDiff | undefined {
  const type = typeOf(a, b);
  if (type === "None") return undefined;
  if (flat) return { Type: type, Name: name, Fields: orNull(flatFields(a, b)), Objects: null };
  const body = diffBody(a as Rec, b as Rec, spec);
  if (!body.Fields.length && !body.Objects.length) return undefined;
  return { Type: type, Name: name, Fields: orNull(body.Fields), Objects: orNull(body.Objects) };
}

function diffChild(c: Child, a: unknown, b: unknown): ObjectDiff[] {
  if (!c.key) {
    const o = diffObject(c.name, a, b, c.spec, c.flat);
    return o ? [o] : [];
  }
  const key = c.key;
  const [la, lb] = [(a as Rec[] | null) ?? [], (b as Rec[] | null) ?? []];
  const ka = new Map(la.map((x) => [key(x), x]));
  const kb = new Map(lb.map((x) => [key(x), x]));
  const out: ObjectDiff[] = [];
  for (const k of [...new Set([...ka.keys(), ...kb.keys()])]) {
    const o = diffObject(c.name, ka.get(k), kb.get(k), c.spec);
    if (o) out.push(o);
  }
  return out;
}

function diffTask(a: Task | undefined, b: Task | undefined, destructive: boolean): TaskDiff | undefined {
  const name = String((a ?? b)?.Name ?? "");
  const type = typeOf(a, b);
  if (type === "None") return undefined;
  const body = diffBody(a as Rec, b as Rec, TASK);
  if (type === "Edited" && !body.Fields.length && !body.Objects.length) return undefined;
  const note = type === "Edited" ? (destructive ? "forces create/destroy update" : "forces in-place update") : null;
  return { Type: type, Name: name, Fields: orNull(body.Fields), Objects: orNull(body.Objects), Annotations: note ? [note] : null };
}

function diffGroup(a: TaskGroup | undefined, b: TaskGroup | undefined, jobs: { oldJob: Job; newJob: Job }): TaskGroupDiff | undefined {
  const type = typeOf(a, b);
  if (type === "None") return undefined;
  const body = diffBody(a as Rec, b as Rec, GROUP);
  const destructive = a && b ? compareGroups(a, b, jobs).kind === "destructive" : false;
  const ta = new Map((a?.Tasks ?? []).map((t) => [t.Name ?? "", t]));
  const tb = new Map((b?.Tasks ?? []).map((t) => [t.Name ?? "", t]));
  const tasks: TaskDiff[] = [];
  for (const n of [...new Set([...ta.keys(), ...tb.keys()])]) {
    const d = diffTask(ta.get(n), tb.get(n), destructive);
    if (d) tasks.push(d);
  }
  for (const f of body.Fields) {
    if (f.Name !== "Count") continue;
    const grow = Number(f.New) > Number(f.Old);
    f.Annotations = [grow ? "forces create" : "forces destroy"];
  }
  if (type === "Edited" && !body.Fields.length && !body.Objects.length && !tasks.length) return undefined;
  return {
    Type: type,
    Name: String((a ?? b)?.Name ?? ""),
    Fields: orNull(body.Fields),
    Objects: orNull(body.Objects),
    Tasks: orNull(byName(tasks)),
    Updates: null,
  };
}

export function diffJobs(oldJob: Job | null | undefined, newJob: Job | null | undefined): JobDiff {
  const type = typeOf(oldJob, newJob);
  const id = String((newJob ?? oldJob)?.ID ?? "");
  const body = diffBody(oldJob as Rec, newJob as Rec, JOB);
  const jobs = { oldJob: oldJob ?? {}, newJob: newJob ?? {} };
  const ga = new Map((oldJob?.TaskGroups ?? []).map((g) => [g.Name ?? "", g]));
  const gb = new Map((newJob?.TaskGroups ?? []).map((g) => [g.Name ?? "", g]));
  const groups: TaskGroupDiff[] = [];
  for (const n of [...new Set([...ga.keys(), ...gb.keys()])]) {
    const d = diffGroup(ga.get(n), gb.get(n), jobs);
    if (d) groups.push(d);
  }
  const changed = body.Fields.length > 0 || body.Objects.length > 0 || groups.length > 0;
  return {
    Type: type === "Edited" && !changed ? "None" : type,
    ID: id,
    Fields: orNull(body.Fields),
    Objects: orNull(body.Objects),
    TaskGroups: orNull(byName(groups)),
  };
}
