/** @module canonicalize-task: task defaults (api layer): resources, kill timeout, logs, restart, templates, artifacts. */
import { canonicalizeServices, nullIfEmpty } from "./canonicalize-service.js";
import { merge } from "./merge.js";
import { DEFAULT_KILL_TIMEOUT, DEFAULT_LOG_CONFIG, SECOND } from "./defaults.js";
import type { Job, Resources, Task, TaskArtifact, TaskGroup, Template } from "./types.js";

export function canonicalizeTask(input: Task, group: TaskGroup, job: Job): Task {
  const t = { ...input };
  t.Name ??= "";
  t.Driver ??= "";
  t.User ??= "";
  t.Leader ??= false;
  t.KillSignal ??= "";
  t.ShutdownDelay ??= 0;
  t.Kind ??= "";
  // A lifecycle block without a hook means nothing (api TaskLifecycle.Empty).
  if (!t.Lifecycle?.Hook) t.Lifecycle = null;
  t.Resources = canonicalizeResources(t.Resources);
  t.KillTimeout ??= DEFAULT_KILL_TIMEOUT;
  t.LogConfig = merge(DEFAULT_LOG_CONFIG, t.LogConfig);
  t.RestartPolicy = merge(group.RestartPolicy, t.RestartPolicy);
  t.Env = nullIfEmpty(t.Env);
  t.Meta = nullIfEmpty(t.Meta);
  t.Config = nullIfEmpty(t.Config);
  t.Constraints = nullIfEmpty(t.Constraints);
  t.Templates = nullIfEmpty(t.Templates?.map(canonicalizeTemplate));
  t.Artifacts = nullIfEmpty(t.Artifacts?.map(canonicalizeArtifact));
  t.Services = canonicalizeServices(t.Services, { job, group, task: t });
  return t;
}

function canonicalizeResources(r: Resources | null | undefined): Resources {
  const out = { ...(r ?? {}) };
  // Without cpu or cores the task gets 100 MHz; with only cores the MHz share is zero.
  if (out.CPU == null && out.Cores == null) {
    out.CPU = 100;
    out.Cores = 0;
  } else if (out.CPU == null) {
    out.CPU = 0;
  }
  out.Cores ??= 0;
  out.MemoryMB ??= 300;
  out.MemoryMaxMB ??= 0;
  out.DiskMB ??= 0;
  out.Networks = nullIfEmpty(out.Networks);
  return out;
}

function canonicalizeTemplate(input: Template): Template {
  const t = { ...input };
  t.SourcePath ??= "";
  t.DestPath ??= "";
  t.EmbeddedTmpl ??= "";
  t.ChangeMode ??= "restart";
  t.ChangeSignal = t.ChangeSignal == null ? (t.ChangeMode === "signal" ? "SIGHUP" : "") : t.ChangeSignal.toUpperCase();
  t.Splay ??= 5 * SECOND;
  t.Perms ??= "0644";
  t.LeftDelim ??= "{{";
  t.RightDelim ??= "}}";
  t.Envvars ??= false;
  t.VaultGrace ??= 0;
  t.ErrMissingKey ??= false;
  return t;
}

function canonicalizeArtifact(input: TaskArtifact): TaskArtifact {
  const a = { ...input };
  a.GetterSource ??= "";
  a.GetterMode ??= "any";
  (a as Record<string, unknown>).GetterInsecure ??= false;
  a.GetterOptions = nullIfEmpty(a.GetterOptions);
  a.GetterHeaders = nullIfEmpty(a.GetterHeaders);
  if (a.RelativeDest == null) {
    a.RelativeDest = a.GetterMode === "file" ? `local/${a.GetterSource.split("/").pop() ?? ""}` : "local/";
  }
  return a;
}
