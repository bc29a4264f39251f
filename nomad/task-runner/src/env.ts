/**
 * @module env: the environment Nomad gives a raw_exec task (nomad-consul-api.md §A9), as a pure
 * function of the allocation, the task and the host environment.
 *
 * @example
 * const env = buildTaskEnv({ alloc, task, hostEnv: process.env });
 * env.NOMAD_PORT_http; // "23456"
 */
import { join } from "node:path";
import { interpolateString } from "./interpolate.js";
import type { AllocContext, NodeInfo, TaskSpec } from "./types.js";

/**
 * Host variables never passed to tasks. Nomad's client `env.denylist` default covers Consul, Vault
 * and cloud credentials (§A9 marks the exact list UNCONFIRMED); we add our own agent's token.
 */
export const HOST_ENV_DENYLIST: readonly string[] = [
  "CONSUL_TOKEN",
  "CONSUL_HTTP_TOKEN",
  "CONSUL_LICENSE",
  "VAULT_TOKEN",
  "VAULT_LICENSE",
  "NOMAD_TOKEN",
  "NOMAD_LICENSE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "GOOGLE_APPLICATION_CREDENTIALS",
];

/** Host paths of a task's directories (raw_exec has no filesystem isolation, so these are real paths). */
export interface TaskDirs {
  /** `<alloc>/<task>`: the working directory. */
  taskDir: string;
  local: string;
  secrets: string;
  tmp: string;
  /** `<alloc>/alloc`, shared by every task of the allocation. */
  allocShared: string;
  logs: string;
  /** Where the runner keeps the executor handle and exit record (not a Nomad path). */
  runner: string;
}

/** Task names become path segments under the alloc dir, so separators and dot names are refused. */
export function isSafeName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !/[/\\\0]/.test(name);
}

export function taskDirs(allocDir: string, taskName: string): TaskDirs {
  const taskDir = join(allocDir, taskName);
  const allocShared = join(allocDir, "alloc");
  return {
    taskDir,
    local: join(taskDir, "local"),
    secrets: join(taskDir, "secrets"),
    tmp: join(taskDir, "tmp"),
    allocShared,
    logs: join(allocShared, "logs"),
    runner: join(taskDir, ".runner"),
  };
}

/** `<data_dir>/alloc/<alloc_id>`, Nomad's client layout (§A9). */
export function allocDirFor(dataDir: string, allocId: string): string {
  return join(dataDir, "alloc", allocId);
}

/** Nomad's key sanitizing for port labels and meta keys: anything outside `[A-Za-z0-9_.]`, and a leading digit, becomes `_`. */
export function sanitizeEnvKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_.]/g, "_").replace(/^[0-9]/, "_");
}

/** The index of `job.group[3]`; Nomad derives NOMAD_ALLOC_INDEX from the name. */
export function allocIndex(allocName: string): number {
  const match = /\[(\d+)\]$/.exec(allocName);
  return match ? Number(match[1]) : 0;
}

/** Job → group → task meta, the task winning (§A9). */
export function mergedMeta(alloc: AllocContext, task: TaskSpec): Record<string, string> {
  return { ...(alloc.JobMeta ?? {}), ...(alloc.GroupMeta ?? {}), ...(task.Meta ?? {}) };
}

/** Only the `NOMAD_*` variables, which both the task env and interpolation read. */
export function nomadVars(alloc: AllocContext, task: TaskSpec): Record<string, string> {
  const dirs = taskDirs(alloc.AllocDir, task.Name);
  const env: Record<string, string> = {
    NOMAD_ALLOC_ID: alloc.AllocID,
    NOMAD_SHORT_ALLOC_ID: alloc.AllocID.slice(0, 8),
    NOMAD_ALLOC_NAME: alloc.AllocName,
    NOMAD_ALLOC_INDEX: String(allocIndex(alloc.AllocName)),
    NOMAD_JOB_ID: alloc.JobID,
    NOMAD_JOB_NAME: alloc.JobName ?? alloc.JobID,
    NOMAD_GROUP_NAME: alloc.TaskGroup,
    NOMAD_TASK_NAME: task.Name,
    NOMAD_NAMESPACE: alloc.Namespace,
    NOMAD_REGION: alloc.Region,
    NOMAD_DC: alloc.Datacenter,
    NOMAD_ALLOC_DIR: dirs.allocShared,
    NOMAD_TASK_DIR: dirs.local,
    NOMAD_SECRETS_DIR: dirs.secrets,
  };
  if (alloc.JobParentID) env.NOMAD_JOB_PARENT_ID = alloc.JobParentID;
  const res = task.Resources ?? {};
  env.NOMAD_CPU_LIMIT = String(res.CPU ?? 100);
  env.NOMAD_MEMORY_LIMIT = String(res.MemoryMB ?? 300);
  if (res.MemoryMaxMB) env.NOMAD_MEMORY_MAX_LIMIT = String(res.MemoryMaxMB);
  if (res.Cores) env.NOMAD_CPU_CORES = String(res.Cores);
  for (const port of alloc.Ports ?? []) {
    const label = sanitizeEnvKey(port.Label);
    const hostAddr = `${port.HostIP}:${port.Value}`;
    const inner = port.To !== undefined && port.To > 0 ? port.To : port.Value;
    env[`NOMAD_IP_${label}`] = port.HostIP;
    env[`NOMAD_HOST_IP_${label}`] = port.HostIP;
    env[`NOMAD_ADDR_${label}`] = hostAddr;
    env[`NOMAD_HOST_ADDR_${label}`] = hostAddr;
    env[`NOMAD_HOST_PORT_${label}`] = String(port.Value);
    env[`NOMAD_PORT_${label}`] = String(inner);
    env[`NOMAD_ALLOC_PORT_${label}`] = String(inner);
  }
  for (const [key, value] of Object.entries(mergedMeta(alloc, task))) {
    const clean = sanitizeEnvKey(key);
    env[`NOMAD_META_${clean}`] = value;
    env[`NOMAD_META_${clean.toUpperCase()}`] = value;
  }
  return env;
}

/** The host environment minus the credential denylist and anything unset. */
export function filterHostEnv(
  hostEnv: Record<string, string | undefined>,
  denylist: readonly string[] = HOST_ENV_DENYLIST,
): Record<string, string> {
  const deny = new Set(denylist);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(hostEnv)) {
    if (value !== undefined && !deny.has(key)) out[key] = value;
  }
  return out;
}

export interface BuildTaskEnvInput {
  alloc: AllocContext;
  task: TaskSpec;
  hostEnv?: Record<string, string | undefined>;
  node?: NodeInfo;
}

/**
 * The full task environment, in Nomad's precedence: NOMAD_* < host env < task `Env`; task `Env`
 * values are interpolated against what comes before them (Nomad's map order makes references
 * between task `Env` entries unreliable, so we do not offer them).
 */
export function buildTaskEnv({ alloc, task, hostEnv = {}, node }: BuildTaskEnvInput): Record<string, string> {
  const base = { ...nomadVars(alloc, task), ...filterHostEnv(hostEnv) };
  const env = { ...base };
  for (const [key, value] of Object.entries(task.Env ?? {})) {
    env[key] = interpolateString(value, base, node);
  }
  return env;
}
