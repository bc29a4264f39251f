/**
 * @module schema: the jobspec2 block vocabulary we support, mapped to Nomad api field names
 * (the `hcl:"…"` tags of the Go `api` package), and the shape of each object as the CLI sends it:
 * Go pointer fields are `null` when unset, value fields are `""`, `0` or `false`.
 */
import { type BlockSchema, many, mapBlock, type Obj, one } from "./decode.js";
import { networkSchema, serviceSchema } from "./schema-services.js";
import { JobspecError, JobspecErrorCode, type SourcePos } from "./errors.js";

/** Operators that jobspec2 lets you write as `operator = value` shorthands inside `constraint`. */
const CONSTRAINT_SHORTHANDS = ["distinct_hosts", "distinct_property", "regexp", "version", "semver", "set_contains", "set_contains_any", "set_contains_all"];

const constraintAttrs = (): BlockSchema["attrs"] => ({
  attribute: ["LTarget", "string"],
  operator: ["Operand", "string"],
  value: ["RTarget", "string"],
  ...Object.fromEntries(CONSTRAINT_SHORTHANDS.map((op) => [op, [`_${op}`, "string"]])),
});

function finishConstraint(out: Obj, pos: SourcePos): void {
  for (const op of CONSTRAINT_SHORTHANDS) {
    const v = out[`_${op}`];
    if (v === undefined) continue;
    delete out[`_${op}`];
    out.Operand = op;
    // distinct_hosts = true carries no target; the others put their value in RTarget.
    if (op === "distinct_hosts") {
      if (v !== "true") throw new JobspecError(JobspecErrorCode.InvalidValue, "distinct_hosts must be true", pos);
    } else if (op === "distinct_property") {
      out.LTarget = v;
    } else {
      out.RTarget = v;
    }
  }
  if (out.Operand === "") out.Operand = "=";
}

export const constraintSchema: BlockSchema = {
  shape: { LTarget: "", RTarget: "", Operand: "" },
  attrs: constraintAttrs(),
  finish: finishConstraint,
};

const affinitySchema: BlockSchema = {
  shape: { LTarget: "", RTarget: "", Operand: "", Weight: null },
  attrs: { attribute: ["LTarget", "string"], operator: ["Operand", "string"], value: ["RTarget", "string"], weight: ["Weight", "int"] },
  finish: (out) => {
    if (out.Operand === "") out.Operand = "=";
  },
};

export const updateSchema: BlockSchema = {
  shape: {
    Stagger: null,
    MaxParallel: null,
    HealthCheck: null,
    MinHealthyTime: null,
    HealthyDeadline: null,
    ProgressDeadline: null,
    Canary: null,
    AutoRevert: null,
    AutoPromote: null,
  },
  attrs: {
    stagger: ["Stagger", "duration"],
    max_parallel: ["MaxParallel", "int"],
    health_check: ["HealthCheck", "string"],
    min_healthy_time: ["MinHealthyTime", "duration"],
    healthy_deadline: ["HealthyDeadline", "duration"],
    progress_deadline: ["ProgressDeadline", "duration"],
    canary: ["Canary", "int"],
    auto_revert: ["AutoRevert", "bool"],
    auto_promote: ["AutoPromote", "bool"],
  },
};

const restartSchema: BlockSchema = {
  shape: { Interval: null, Attempts: null, Delay: null, Mode: null, RenderTemplates: null },
  attrs: {
    interval: ["Interval", "duration"],
    attempts: ["Attempts", "int"],
    delay: ["Delay", "duration"],
    mode: ["Mode", "string"],
    render_templates: ["RenderTemplates", "bool"],
  },
};

const rescheduleSchema: BlockSchema = {
  shape: { Attempts: null, Interval: null, Delay: null, DelayFunction: null, MaxDelay: null, Unlimited: null },
  attrs: {
    attempts: ["Attempts", "int"],
    interval: ["Interval", "duration"],
    delay: ["Delay", "duration"],
    delay_function: ["DelayFunction", "string"],
    max_delay: ["MaxDelay", "duration"],
    unlimited: ["Unlimited", "bool"],
  },
};

const migrateSchema: BlockSchema = {
  shape: { MaxParallel: null, HealthCheck: null, MinHealthyTime: null, HealthyDeadline: null },
  attrs: {
    max_parallel: ["MaxParallel", "int"],
    health_check: ["HealthCheck", "string"],
    min_healthy_time: ["MinHealthyTime", "duration"],
    healthy_deadline: ["HealthyDeadline", "duration"],
  },
};

const resourcesSchema: BlockSchema = {
  shape: { CPU: null, Cores: null, MemoryMB: null, MemoryMaxMB: null, DiskMB: null, Networks: null, Devices: null, NUMA: null, SecretsMB: null },
  attrs: { cpu: ["CPU", "int"], cores: ["Cores", "int"], memory: ["MemoryMB", "int"], memory_max: ["MemoryMaxMB", "int"], secrets: ["SecretsMB", "int"] },
};

const templateSchema: BlockSchema = {
  shape: {
    SourcePath: null, DestPath: null, EmbeddedTmpl: null, ChangeMode: null, ChangeSignal: null, ChangeScript: null,
    Splay: null, Perms: null, Uid: null, Gid: null, LeftDelim: null, RightDelim: null, Envvars: null, VaultGrace: null,
    Wait: null, ErrMissingKey: null,
  },
  attrs: {
    source: ["SourcePath", "string"],
    destination: ["DestPath", "string"],
    data: ["EmbeddedTmpl", "string"],
    change_mode: ["ChangeMode", "string"],
    change_signal: ["ChangeSignal", "string"],
    splay: ["Splay", "duration"],
    perms: ["Perms", "string"],
    uid: ["Uid", "int"],
    gid: ["Gid", "int"],
    left_delimiter: ["LeftDelim", "string"],
    right_delimiter: ["RightDelim", "string"],
    env: ["Envvars", "bool"],
    error_on_missing_key: ["ErrMissingKey", "bool"],
  },
  // The CLI's jobspec2 fills these before sending, so they appear in the register request.
  finish: (out) => {
    out.ChangeMode ??= "restart";
    out.Perms ??= "0644";
    out.Splay ??= 5_000_000_000;
    out.ErrMissingKey ??= false;
  },
};

const artifactSchema: BlockSchema = {
  shape: { GetterSource: null, GetterOptions: null, GetterHeaders: null, GetterMode: null, GetterInsecure: null, RelativeDest: null, Chown: false },
  attrs: { source: ["GetterSource", "string"], destination: ["RelativeDest", "string"], mode: ["GetterMode", "string"], insecure: ["GetterInsecure", "bool"], chown: ["Chown", "bool"] },
  blocks: { options: mapBlock("GetterOptions"), headers: mapBlock("GetterHeaders") },
};

const taskSchema: BlockSchema = {
  label: "Name",
  shape: {
    Name: "", Driver: "", User: "", Lifecycle: null, Config: null, Constraints: null, Affinities: null, Env: null,
    Services: null, Resources: null, RestartPolicy: null, Meta: null, KillTimeout: null, LogConfig: null,
    Artifacts: null, Vault: null, Templates: null, DispatchPayload: null, VolumeMounts: null, Leader: false,
    ShutdownDelay: 0, KillSignal: "", Kind: "",
  },
  attrs: {
    driver: ["Driver", "string"],
    user: ["User", "string"],
    kill_timeout: ["KillTimeout", "duration"],
    kill_signal: ["KillSignal", "string"],
    leader: ["Leader", "bool"],
    shutdown_delay: ["ShutdownDelay", "duration"],
    kind: ["Kind", "string"],
    env: ["Env", "stringMap"],
    meta: ["Meta", "stringMap"],
    config: ["Config", "any"],
  },
  blocks: {
    config: { field: "Config", kind: "freeform" },
    env: mapBlock("Env"),
    meta: mapBlock("Meta"),
    service: many("Services", serviceSchema),
    resources: one("Resources", resourcesSchema),
    restart: one("RestartPolicy", restartSchema),
    logs: one("LogConfig", {
      shape: { MaxFiles: null, MaxFileSizeMB: null, Disabled: null },
      attrs: { max_files: ["MaxFiles", "int"], max_file_size: ["MaxFileSizeMB", "int"], disabled: ["Disabled", "bool"] },
    }),
    artifact: many("Artifacts", artifactSchema),
    template: many("Templates", templateSchema),
    lifecycle: one("Lifecycle", { shape: { Hook: "", Sidecar: false }, attrs: { hook: ["Hook", "string"], sidecar: ["Sidecar", "bool"] } }),
    constraint: many("Constraints", constraintSchema),
    affinity: many("Affinities", affinitySchema),
  },
};

const groupSchema: BlockSchema = {
  label: "Name",
  shape: {
    Name: null, Count: null, Constraints: null, Affinities: null, Tasks: null, Spreads: null, Volumes: null,
    RestartPolicy: null, ReschedulePolicy: null, EphemeralDisk: null, Update: null, Migrate: null, Networks: null,
    Meta: null, Services: null, ShutdownDelay: null, StopAfterClientDisconnect: null, MaxClientDisconnect: null,
    PreventRescheduleOnLost: null, Scaling: null, Consul: null,
  },
  attrs: {
    count: ["Count", "int"],
    shutdown_delay: ["ShutdownDelay", "duration"],
    stop_after_client_disconnect: ["StopAfterClientDisconnect", "duration"],
    max_client_disconnect: ["MaxClientDisconnect", "duration"],
    prevent_reschedule_on_lost: ["PreventRescheduleOnLost", "bool"],
    meta: ["Meta", "stringMap"],
  },
  blocks: {
    task: many("Tasks", taskSchema),
    network: many("Networks", networkSchema),
    service: many("Services", serviceSchema),
    update: one("Update", updateSchema),
    restart: one("RestartPolicy", restartSchema),
    reschedule: one("ReschedulePolicy", rescheduleSchema),
    migrate: one("Migrate", migrateSchema),
    ephemeral_disk: one("EphemeralDisk", {
      shape: { Sticky: null, Migrate: null, SizeMB: null },
      attrs: { sticky: ["Sticky", "bool"], migrate: ["Migrate", "bool"], size: ["SizeMB", "int"] },
    }),
    meta: mapBlock("Meta"),
    constraint: many("Constraints", constraintSchema),
    affinity: many("Affinities", affinitySchema),
  },
};

export const jobSchema: BlockSchema = {
  label: "ID",
  shape: {
    Region: null, Namespace: null, ID: null, Name: null, Type: null, Priority: null, AllAtOnce: null,
    Datacenters: null, NodePool: null, Constraints: null, Affinities: null, TaskGroups: null, Update: null,
    Multiregion: null, Spreads: null, Periodic: null, ParameterizedJob: null, Reschedule: null, Migrate: null,
    Meta: null, ConsulToken: null, VaultToken: null, Stop: null, ParentID: null, Dispatched: false, Payload: null,
    ConsulNamespace: null, VaultNamespace: null, NomadTokenID: null, Status: null, StatusDescription: null,
    Stable: null, Version: null, SubmitTime: null, CreateIndex: null, ModifyIndex: null, JobModifyIndex: null,
  },
  attrs: {
    name: ["Name", "string"],
    region: ["Region", "string"],
    namespace: ["Namespace", "string"],
    type: ["Type", "string"],
    priority: ["Priority", "int"],
    all_at_once: ["AllAtOnce", "bool"],
    datacenters: ["Datacenters", "strings"],
    node_pool: ["NodePool", "string"],
    meta: ["Meta", "stringMap"],
  },
  blocks: {
    group: many("TaskGroups", groupSchema),
    update: one("Update", updateSchema),
    constraint: many("Constraints", constraintSchema),
    affinity: many("Affinities", affinitySchema),
    reschedule: one("Reschedule", rescheduleSchema),
    migrate: one("Migrate", migrateSchema),
    meta: mapBlock("Meta"),
    periodic: one("Periodic", {
      shape: { Enabled: null, Spec: null, Specs: null, SpecType: null, ProhibitOverlap: null, TimeZone: null },
      attrs: { enabled: ["Enabled", "bool"], cron: ["Spec", "string"], crons: ["Specs", "strings"], prohibit_overlap: ["ProhibitOverlap", "bool"], time_zone: ["TimeZone", "string"] },
      finish: (out) => {
        if (out.Spec !== null || out.Specs !== null) out.SpecType = "cron";
      },
    }),
    parameterized: one("ParameterizedJob", {
      shape: { Payload: "", MetaRequired: null, MetaOptional: null },
      attrs: { payload: ["Payload", "string"], meta_required: ["MetaRequired", "strings"], meta_optional: ["MetaOptional", "strings"] },
    }),
  },
  finish: (out) => {
    out.Name ??= out.ID;
  },
};
