/**
 * @module canonicalize-service: service and check defaults (api layer), then the server's name
 * interpolation (`${JOB}`, `${TASKGROUP}`, `${TASK}`, `${BASE}`), namespace and default check name.
 */
import { SECOND } from "./defaults.js";
import type { CheckRestart, Job, Service, ServiceCheck, Task, TaskGroup } from "./types.js";

export function nullIfEmpty<T>(v: T[] | null | undefined): T[] | null;
export function nullIfEmpty<T extends object>(v: T | null | undefined): T | null;
export function nullIfEmpty(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.length ? v : null;
  return Object.keys(v as object).length ? v : null;
}

export interface ServiceScope {
  job: Job;
  group: TaskGroup;
  task?: Task;
}

export function canonicalizeServices(list: Service[] | null | undefined, scope: ServiceScope): Service[] | null {
  return nullIfEmpty(list?.map((s) => canonicalizeService(s, scope)));
}

function canonicalizeService(input: Service, scope: ServiceScope): Service {
  const s = { ...input };
  const base = [scope.job.Name, scope.group.Name, ...(scope.task ? [scope.task.Name] : [])].join("-");
  const vars: Record<string, string> = { JOB: scope.job.Name ?? "", TASKGROUP: scope.group.Name ?? "", BASE: base };
  // ${TASK} means nothing in a group service; it stays as written and fails validation downstream.
  if (scope.task) vars.TASK = scope.task.Name ?? "";
  s.Name = (s.Name || base).replace(/\$\{(JOB|TASKGROUP|TASK|BASE)\}/g, (whole, k: string) => vars[k] ?? whole);
  s.AddressMode ||= "auto";
  s.OnUpdate ||= "require_healthy";
  s.Provider ||= "consul";
  s.Cluster ||= "default";
  s.Namespace = s.Provider === "nomad" ? (scope.job.Namespace ?? "default") : "default";
  if (scope.task) s.TaskName = scope.task.Name ?? "";
  else s.TaskName ??= "";
  s.PortLabel ??= "";
  s.Address ??= "";
  s.EnableTagOverride ??= false;
  s.Tags = nullIfEmpty(s.Tags);
  s.CanaryTags = nullIfEmpty(s.CanaryTags);
  s.Meta = nullIfEmpty(s.Meta);
  s.CanaryMeta = nullIfEmpty(s.CanaryMeta);
  s.TaggedAddresses = nullIfEmpty(s.TaggedAddresses);
  const serviceRestart = s.CheckRestart;
  // The server has no service-level check_restart: it lives on in each check.
  delete s.CheckRestart;
  s.Checks = nullIfEmpty(s.Checks?.map((c) => canonicalizeCheck(c, s, serviceRestart)));
  return s;
}

function canonicalizeCheck(input: ServiceCheck, s: Service, serviceRestart: CheckRestart | null | undefined): ServiceCheck {
  const c = { ...input };
  if (serviceRestart || c.CheckRestart) {
    const r = { ...(serviceRestart ?? {}) };
    for (const [k, v] of Object.entries(c.CheckRestart ?? {})) if (v !== null && v !== undefined) (r as Record<string, unknown>)[k] = v;
    c.CheckRestart = { Limit: Math.max(0, r.Limit ?? 0), Grace: r.Grace ?? SECOND, IgnoreWarnings: r.IgnoreWarnings ?? false };
  } else {
    c.CheckRestart = null;
  }
  for (const k of ["SuccessBeforePassing", "FailuresBeforeCritical", "FailuresBeforeWarning"] as const) {
    c[k] = Math.max(0, c[k] ?? 0);
  }
  c.OnUpdate ||= s.OnUpdate ?? "require_healthy";
  c.Name ||= `service: ${JSON.stringify(s.Name)} check`;
  c.Type ??= "";
  c.Path ??= "";
  c.Protocol ??= "";
  c.PortLabel ??= "";
  c.AddressMode ??= "";
  c.Interval ??= 0;
  c.Timeout ??= 0;
  c.InitialStatus ??= "";
  c.Method ??= "";
  c.Body ??= "";
  c.TaskName ??= "";
  c.TLSSkipVerify ??= false;
  c.Header = nullIfEmpty(c.Header);
  c.Args = nullIfEmpty(c.Args);
  return c;
}
