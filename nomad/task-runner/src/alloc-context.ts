/**
 * @module alloc-context: the bridge from the agent's Nomad records (an `Allocation` and its `Job`,
 * §A5) to what the runner needs, so the wiring is one call. Structural types only: the agent's
 * richer records pass straight in.
 *
 * @example
 * const { context, tasks } = allocContextFrom(alloc, job, { dataDir, datacenter: node.Datacenter });
 * new AllocRunner({ alloc: context, tasks, onUpdate }).start();
 */
import { arch, hostname, release } from "node:os";
import { allocDirFor } from "./env.js";
import type { HostFacts } from "./interpolate.js";
import type { AllocatedPort, AllocContext, TaskSpec } from "./types.js";

export interface JobLike {
  ID: string;
  Name?: string;
  ParentID?: string;
  Type?: string;
  Namespace?: string;
  Region?: string;
  Meta?: Record<string, string> | null;
  TaskGroups: Array<{ Name: string; Meta?: Record<string, string> | null; Tasks: TaskSpec[] }>;
}

export interface AllocationLike {
  ID: string;
  Name: string;
  JobID?: string;
  TaskGroup: string;
  Namespace?: string;
  AllocatedResources?: { Shared?: { Ports?: AllocatedPort[] | null } | null } | null;
}

export function allocContextFrom(
  alloc: AllocationLike,
  job: JobLike,
  { dataDir, datacenter }: { dataDir: string; datacenter: string },
): { context: AllocContext; tasks: TaskSpec[] } {
  const group = job.TaskGroups.find((g) => g.Name === alloc.TaskGroup);
  const context: AllocContext = {
    AllocID: alloc.ID,
    AllocName: alloc.Name,
    JobID: alloc.JobID ?? job.ID,
    JobName: job.Name ?? job.ID,
    JobType: job.Type ?? "service",
    TaskGroup: alloc.TaskGroup,
    Namespace: alloc.Namespace ?? job.Namespace ?? "default",
    Region: job.Region ?? "global",
    Datacenter: datacenter,
    JobMeta: job.Meta ?? null,
    GroupMeta: group?.Meta ?? null,
    Ports: alloc.AllocatedResources?.Shared?.Ports ?? [],
    AllocDir: allocDirFor(dataDir, alloc.ID),
  };
  if (job.ParentID) context.JobParentID = job.ParentID;
  return { context, tasks: group?.Tasks ?? [] };
}

/** Go's GOARCH names for Node's `os.arch()`, as Nomad's `cpu.arch` attribute reports them. */
const GOARCH: Record<string, string> = { x64: "amd64", ia32: "386", arm64: "arm64", arm: "arm" };

/** This machine's facts for `devNodeInfo` (`${attr.unique.hostname}`, `${attr.kernel.name}` …). */
export function currentHostFacts(nomadVersion: string, cpuCores: number): HostFacts {
  return {
    hostname: hostname(),
    kernelName: process.platform,
    kernelVersion: release(),
    arch: GOARCH[arch()] ?? arch(),
    cpuCores,
    nomadVersion,
  };
}
