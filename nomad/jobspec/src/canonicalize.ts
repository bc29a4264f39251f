/**
 * @module canonicalize: api Job (nulls allowed) → the server-shape Job a real Nomad stores and
 * returns from `GET /v1/job/:id`. It applies the api layer (`api.Job.Canonicalize`) and then the
 * server layer (Datacenters `["*"]`, NodePool `default`, HostNetwork `default`, service namespaces
 * and names, job Update reduced to Stagger + MaxParallel). Pure and idempotent: canonicalizing a
 * canonical job changes nothing, so the agent can canonicalize whatever it is given, including jobs
 * read back from its own store.
 */
import { canonicalizeTask } from "./canonicalize-task.js";
import {
  DEFAULT_EPHEMERAL_DISK,
  DEFAULT_MIGRATE,
  DEFAULT_UPDATE,
  defaultReschedule,
  defaultRestart,
} from "./defaults.js";
import { canonicalizeServices, nullIfEmpty } from "./canonicalize-service.js";
import { merge } from "./merge.js";
import type { Job, NetworkResource, TaskGroup, UpdateStrategy } from "./types.js";

/** Go's `UpdateStrategy.Empty()`: nothing set to a non-zero value. */
function isEmptyUpdate(u: UpdateStrategy | null | undefined): boolean {
  return !u || Object.values(u).every((v) => v === null || v === undefined || v === 0 || v === "" || v === false);
}

export function canonicalizeJob(input: Job): Job {
  const job = structuredClone(input);
  job.Type ??= "service";
  const type = job.Type;
  job.ID ??= "";
  job.Name ??= job.ID;
  job.ParentID ??= "";
  job.Namespace ??= "default";
  job.Priority ??= 50;
  job.Stop ??= false;
  job.Region ??= "global";
  job.AllAtOnce ??= false;
  job.Dispatched ??= false;
  job.ConsulNamespace ??= "";
  job.VaultNamespace ??= "";
  job.NomadTokenID ??= "";
  job.Status ??= "";
  job.StatusDescription ??= "";
  job.Stable ??= false;
  job.Version ??= 0;
  job.SubmitTime ??= 0;
  job.CreateIndex ??= 0;
  job.ModifyIndex ??= 0;
  job.JobModifyIndex ??= 0;
  // Server layer.
  if (!job.Datacenters?.length) job.Datacenters = ["*"];
  if (!job.NodePool) job.NodePool = "default";
  // The server never stores or returns tokens sent with a job.
  delete (job as Record<string, unknown>).ConsulToken;
  delete (job as Record<string, unknown>).VaultToken;
  job.Meta = nullIfEmpty(job.Meta);
  job.Constraints = nullIfEmpty(job.Constraints);
  job.Affinities = nullIfEmpty(job.Affinities);
  if (job.Periodic) {
    job.Periodic = merge({ Enabled: true, SpecType: "cron", ProhibitOverlap: false, TimeZone: "UTC" }, job.Periodic);
  }

  // api layer: the job's strategy is filled first, then copied into each group.
  if (job.Update) job.Update = merge(DEFAULT_UPDATE, job.Update);
  else if (type === "service" || type === "system") job.Update = { ...DEFAULT_UPDATE };

  job.TaskGroups = (job.TaskGroups ?? []).map((g) => canonicalizeGroup(g, job, type));

  // Server layer: the job-level strategy keeps only Stagger and MaxParallel (and only when
  // MaxParallel > 0); the effective strategy lives in each group.
  const u = job.Update;
  const keep = u && (u.MaxParallel ?? 0) > 0;
  job.Update = {
    Stagger: keep ? (u.Stagger ?? 0) : 0,
    MaxParallel: keep ? (u.MaxParallel ?? 0) : 0,
    HealthCheck: "",
    MinHealthyTime: 0,
    HealthyDeadline: 0,
    ProgressDeadline: 0,
    Canary: 0,
    AutoRevert: false,
    AutoPromote: false,
  };
  return job;
}

function canonicalizeGroup(g: TaskGroup, job: Job, type: string): TaskGroup {
  g.Name ??= "";
  g.Count ??= (g as { Scaling?: { Min?: number | null } | null }).Scaling?.Min ?? 1;
  g.EphemeralDisk = merge(DEFAULT_EPHEMERAL_DISK, g.EphemeralDisk);

  if (job.Update && g.Update) g.Update = merge(job.Update, g.Update);
  else if (job.Update && !isEmptyUpdate(job.Update)) g.Update = { ...job.Update };
  if (g.Update) g.Update = merge(DEFAULT_UPDATE, g.Update);

  const resched = defaultReschedule(type);
  if (resched) g.ReschedulePolicy = merge(merge(resched, job.Reschedule), g.ReschedulePolicy);
  // Service groups always get a migrate strategy; other types only when the job or group sets one.
  if (type === "service" || job.Migrate || g.Migrate) g.Migrate = merge(merge(DEFAULT_MIGRATE, job.Migrate), g.Migrate);
  g.RestartPolicy = merge(defaultRestart(type), g.RestartPolicy);

  g.Networks = nullIfEmpty(g.Networks?.map(canonicalizeNetwork));
  g.Meta = nullIfEmpty(g.Meta);
  g.Constraints = nullIfEmpty(g.Constraints);
  g.Affinities = nullIfEmpty(g.Affinities);
  g.Tasks = (g.Tasks ?? []).map((t) => canonicalizeTask(t, g, job));
  g.Services = canonicalizeServices(g.Services, { job, group: g });
  g.ShutdownDelay ??= null;
  g.PreventRescheduleOnLost ??= false;
  return g;
}

export function canonicalizeNetwork(n: NetworkResource): NetworkResource {
  const ports = (list: NetworkResource["DynamicPorts"]) =>
    nullIfEmpty(list?.map((p) => ({ ...p, Label: p.Label ?? "", Value: p.Value ?? 0, To: p.To ?? 0, HostNetwork: p.HostNetwork || "default" })));
  return {
    ...n,
    // An empty mode means host networking; the server keeps it empty (structs NetworkResource.Canonicalize).
    Mode: n.Mode ?? "",
    Device: n.Device ?? "",
    CIDR: n.CIDR ?? "",
    IP: n.IP ?? "",
    Hostname: n.Hostname ?? "",
    MBits: n.MBits ?? 0,
    ReservedPorts: ports(n.ReservedPorts),
    DynamicPorts: ports(n.DynamicPorts),
  };
}
