/**
 * @module nomad/services: an allocation's services as Nomad registers them in Consul (§A9):
 * service ID `_nomad-task-<alloc>-<task|group-<group>>-<service>-<port label>`, the port's host
 * address and port, `CanaryTags`/`CanaryMeta` replacing `Tags`/`Meta` while the alloc is a canary,
 * `${…}` interpolated from the alloc's NOMAD_* environment, `external-source: nomad` in the meta,
 * and checks `_nomad-check-<sha256>` on their own port label. Pure.
 */
import { createHash } from "node:crypto";
import { formatDuration } from "@forex-mesh/jobspec";
import type { Allocation, Job } from "@forex-mesh/scheduler";
import { allocContextFrom, interpolateString, type JobLike, type NodeInfo, nomadVars, type TaskSpec } from "@forex-mesh/task-runner";
import type { CheckInput, ServiceInput } from "../store/events.js";
import type { CheckStatus } from "../store/types.js";
import { allocPorts } from "./ports.js";

interface ServiceSpec {
  Name: string;
  PortLabel?: string | null;
  Tags?: string[] | null;
  CanaryTags?: string[] | null;
  Meta?: Record<string, string> | null;
  CanaryMeta?: Record<string, string> | null;
  TaskName?: string | null;
  Provider?: string | null;
  Checks?: CheckSpec[] | null;
}

interface CheckSpec {
  Name?: string | null;
  Type: string;
  Path?: string | null;
  Protocol?: string | null;
  PortLabel?: string | null;
  Method?: string | null;
  Header?: Record<string, string[]> | null;
  Body?: string | null;
  Interval: number;
  Timeout: number;
  InitialStatus?: string | null;
}

export interface Registration {
  service: ServiceInput;
  checks: CheckInput[];
}

export const serviceIdPrefix = (allocId: string): string => `_nomad-task-${allocId}-`;

export function allocRegistrations(alloc: Allocation, job: Job, opts: { dataDir: string; datacenter: string; node: NodeInfo }): Registration[] {
  const group = job.TaskGroups.find((g) => g.Name === alloc.TaskGroup);
  if (group === undefined) return [];
  const { context } = allocContextFrom(alloc as never, job as unknown as JobLike, opts);
  const canary = alloc.DeploymentStatus?.Canary === true;
  const ports = new Map(allocPorts(alloc).map((p) => [p.Label, p]));
  const out: Registration[] = [];
  const add = (svc: ServiceSpec, owner: string, task: TaskSpec): void => {
    if ((svc.Provider ?? "consul") !== "consul") return;
    const env = nomadVars(context, task);
    const interp = (s: string): string => interpolateString(s, env, opts.node);
    const portLabel = svc.PortLabel ?? "";
    const port = ports.get(portLabel)?.Value ?? (/^\d+$/.test(portLabel) ? Number(portLabel) : 0);
    const name = interp(svc.Name);
    const id = `${serviceIdPrefix(alloc.ID)}${owner}-${name}-${portLabel}`;
    const tags = canary && (svc.CanaryTags?.length ?? 0) > 0 ? (svc.CanaryTags ?? []) : (svc.Tags ?? []);
    const metaSrc = canary && Object.keys(svc.CanaryMeta ?? {}).length > 0 ? svc.CanaryMeta : svc.Meta;
    const meta: Record<string, string> = {};
    for (const [k, v] of Object.entries(metaSrc ?? {})) meta[k] = interp(v);
    meta["external-source"] = "nomad";
    const service: ServiceInput = {
      id,
      name,
      tags: tags.map(interp),
      address: "127.0.0.1",
      port,
      meta,
      taggedAddresses: {},
      weights: { Passing: 1, Warning: 1 },
      enableTagOverride: false,
      kind: "",
    };
    const checks = (svc.Checks ?? []).map((c) => checkInput(c, id, name, port, ports, interp));
    out.push({ service, checks });
  };
  const groupTask = { Name: `group-${group.Name}`, Driver: "", Config: {} } as TaskSpec;
  for (const svc of (group.Services as ServiceSpec[] | null) ?? []) add(svc, `group-${group.Name}`, groupTask);
  for (const task of group.Tasks as unknown as TaskSpec[]) {
    for (const svc of ((task as { Services?: ServiceSpec[] | null }).Services ?? []) as ServiceSpec[]) add(svc, task.Name, task);
  }
  return out;
}

function checkInput(
  c: CheckSpec,
  serviceId: string,
  serviceName: string,
  servicePort: number,
  ports: Map<string, { Value: number }>,
  interp: (s: string) => string,
): CheckInput {
  const port = c.PortLabel ? (ports.get(c.PortLabel)?.Value ?? servicePort) : servicePort;
  const name = c.Name ? interp(c.Name) : `service: "${serviceName}" check`;
  const interval = formatDuration(c.Interval);
  const timeout = formatDuration(c.Timeout);
  const base = { intervalMs: c.Interval / 1e6, timeoutMs: c.Timeout / 1e6, interval, timeout };
  const definition =
    c.Type === "tcp"
      ? { type: "tcp" as const, tcp: `127.0.0.1:${port}`, ...base }
      : {
          type: "http" as const,
          http: `${c.Protocol || "http"}://127.0.0.1:${port}${interp(c.Path ?? "/")}`,
          method: c.Method || "GET",
          header: c.Header ?? {},
          ...(c.Body ? { body: c.Body } : {}),
          ...base,
        };
  const hash = createHash("sha256").update(JSON.stringify([serviceId, name, definition])).digest("hex");
  const initial = c.InitialStatus;
  const status: CheckStatus = initial === "passing" || initial === "warning" ? initial : "critical";
  return { id: `_nomad-check-${hash}`, name, serviceId, status, notes: "", output: "", definition };
}
