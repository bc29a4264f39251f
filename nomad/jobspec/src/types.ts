/**
 * @module types: the Nomad Job JSON (PascalCase). One set of interfaces serves the api shape the CLI
 * sends (pointer fields may be `null`) and the server shape a GET returns (filled in), so every field
 * is optional and nullable, as the API reference recommends. Durations are integer nanoseconds.
 */

type N<T> = T | null | undefined;
export type StringMap = Record<string, string>;

export interface Constraint {
  LTarget?: N<string>;
  RTarget?: N<string>;
  Operand?: N<string>;
}

export interface Affinity extends Constraint {
  Weight?: N<number>;
}

export interface UpdateStrategy {
  Stagger?: N<number>;
  MaxParallel?: N<number>;
  HealthCheck?: N<string>;
  MinHealthyTime?: N<number>;
  HealthyDeadline?: N<number>;
  ProgressDeadline?: N<number>;
  Canary?: N<number>;
  AutoRevert?: N<boolean>;
  AutoPromote?: N<boolean>;
}

export interface RestartPolicy {
  Interval?: N<number>;
  Attempts?: N<number>;
  Delay?: N<number>;
  Mode?: N<string>;
  RenderTemplates?: N<boolean>;
}

export interface ReschedulePolicy {
  Attempts?: N<number>;
  Interval?: N<number>;
  Delay?: N<number>;
  DelayFunction?: N<string>;
  MaxDelay?: N<number>;
  Unlimited?: N<boolean>;
}

export interface MigrateStrategy {
  MaxParallel?: N<number>;
  HealthCheck?: N<string>;
  MinHealthyTime?: N<number>;
  HealthyDeadline?: N<number>;
}

export interface EphemeralDisk {
  Sticky?: N<boolean>;
  Migrate?: N<boolean>;
  SizeMB?: N<number>;
}

export interface Port {
  Label?: N<string>;
  Value?: N<number>;
  To?: N<number>;
  HostNetwork?: N<string>;
}

export interface NetworkResource {
  Mode?: N<string>;
  Device?: N<string>;
  CIDR?: N<string>;
  IP?: N<string>;
  Hostname?: N<string>;
  MBits?: N<number>;
  DNS?: N<{ Servers?: N<string[]>; Searches?: N<string[]>; Options?: N<string[]> }>;
  ReservedPorts?: N<Port[]>;
  DynamicPorts?: N<Port[]>;
  CNI?: unknown;
}

export interface CheckRestart {
  Limit?: N<number>;
  Grace?: N<number>;
  IgnoreWarnings?: N<boolean>;
}

export interface ServiceCheck {
  Name?: N<string>;
  Type?: N<string>;
  Command?: N<string>;
  Args?: N<string[]>;
  Path?: N<string>;
  Protocol?: N<string>;
  PortLabel?: N<string>;
  AddressMode?: N<string>;
  Interval?: N<number>;
  Timeout?: N<number>;
  InitialStatus?: N<string>;
  TLSSkipVerify?: N<boolean>;
  TLSServerName?: N<string>;
  Header?: N<Record<string, string[]>>;
  Method?: N<string>;
  Body?: N<string>;
  CheckRestart?: N<CheckRestart>;
  GRPCService?: N<string>;
  GRPCUseTLS?: N<boolean>;
  TaskName?: N<string>;
  SuccessBeforePassing?: N<number>;
  FailuresBeforeCritical?: N<number>;
  FailuresBeforeWarning?: N<number>;
  OnUpdate?: N<string>;
  Expose?: N<boolean>;
  Advertise?: N<string>;
  Notes?: N<string>;
}

export interface Service {
  Name?: N<string>;
  Tags?: N<string[]>;
  CanaryTags?: N<string[]>;
  EnableTagOverride?: N<boolean>;
  PortLabel?: N<string>;
  AddressMode?: N<string>;
  Address?: N<string>;
  Checks?: N<ServiceCheck[]>;
  CheckRestart?: N<CheckRestart>;
  Connect?: unknown;
  Meta?: N<StringMap>;
  CanaryMeta?: N<StringMap>;
  TaggedAddresses?: N<StringMap>;
  TaskName?: N<string>;
  OnUpdate?: N<string>;
  Provider?: N<string>;
  Cluster?: N<string>;
  Namespace?: N<string>;
}

export interface Resources {
  CPU?: N<number>;
  Cores?: N<number>;
  MemoryMB?: N<number>;
  MemoryMaxMB?: N<number>;
  DiskMB?: N<number>;
  Networks?: N<NetworkResource[]>;
}

export interface Template {
  SourcePath?: N<string>;
  DestPath?: N<string>;
  EmbeddedTmpl?: N<string>;
  ChangeMode?: N<string>;
  ChangeSignal?: N<string>;
  Splay?: N<number>;
  Perms?: N<string>;
  LeftDelim?: N<string>;
  RightDelim?: N<string>;
  Envvars?: N<boolean>;
  VaultGrace?: N<number>;
  ErrMissingKey?: N<boolean>;
}

export interface TaskArtifact {
  GetterSource?: N<string>;
  GetterOptions?: N<StringMap>;
  GetterHeaders?: N<StringMap>;
  GetterMode?: N<string>;
  RelativeDest?: N<string>;
}

export interface TaskLifecycle {
  Hook?: N<string>;
  Sidecar?: N<boolean>;
}

export interface LogConfig {
  MaxFiles?: N<number>;
  MaxFileSizeMB?: N<number>;
  Disabled?: N<boolean>;
}

export interface Task {
  Name?: N<string>;
  Driver?: N<string>;
  User?: N<string>;
  Lifecycle?: N<TaskLifecycle>;
  Config?: N<Record<string, unknown>>;
  Constraints?: N<Constraint[]>;
  Affinities?: N<Affinity[]>;
  Env?: N<StringMap>;
  Services?: N<Service[]>;
  Resources?: N<Resources>;
  RestartPolicy?: N<RestartPolicy>;
  Meta?: N<StringMap>;
  KillTimeout?: N<number>;
  LogConfig?: N<LogConfig>;
  Artifacts?: N<TaskArtifact[]>;
  Templates?: N<Template[]>;
  Leader?: N<boolean>;
  ShutdownDelay?: N<number>;
  KillSignal?: N<string>;
  Kind?: N<string>;
}

export interface TaskGroup {
  Name?: N<string>;
  Count?: N<number>;
  Constraints?: N<Constraint[]>;
  Affinities?: N<Affinity[]>;
  Tasks?: N<Task[]>;
  RestartPolicy?: N<RestartPolicy>;
  ReschedulePolicy?: N<ReschedulePolicy>;
  EphemeralDisk?: N<EphemeralDisk>;
  Update?: N<UpdateStrategy>;
  Migrate?: N<MigrateStrategy>;
  Networks?: N<NetworkResource[]>;
  Meta?: N<StringMap>;
  Services?: N<Service[]>;
  ShutdownDelay?: N<number>;
  StopAfterClientDisconnect?: N<number>;
  MaxClientDisconnect?: N<number>;
  PreventRescheduleOnLost?: N<boolean>;
}

export interface PeriodicConfig {
  Enabled?: N<boolean>;
  Spec?: N<string>;
  Specs?: N<string[]>;
  SpecType?: N<string>;
  ProhibitOverlap?: N<boolean>;
  TimeZone?: N<string>;
}

export interface ParameterizedJobConfig {
  Payload?: N<string>;
  MetaRequired?: N<string[]>;
  MetaOptional?: N<string[]>;
}

export interface Job {
  Region?: N<string>;
  Namespace?: N<string>;
  ID?: N<string>;
  Name?: N<string>;
  Type?: N<string>;
  Priority?: N<number>;
  AllAtOnce?: N<boolean>;
  Datacenters?: N<string[]>;
  NodePool?: N<string>;
  Constraints?: N<Constraint[]>;
  Affinities?: N<Affinity[]>;
  TaskGroups?: N<TaskGroup[]>;
  Update?: N<UpdateStrategy>;
  Periodic?: N<PeriodicConfig>;
  ParameterizedJob?: N<ParameterizedJobConfig>;
  Reschedule?: N<ReschedulePolicy>;
  Migrate?: N<MigrateStrategy>;
  Meta?: N<StringMap>;
  Stop?: N<boolean>;
  ParentID?: N<string>;
  Dispatched?: N<boolean>;
  Payload?: N<string>;
  ConsulNamespace?: N<string>;
  VaultNamespace?: N<string>;
  NomadTokenID?: N<string>;
  Status?: N<string>;
  StatusDescription?: N<string>;
  Stable?: N<boolean>;
  Version?: N<number>;
  SubmitTime?: N<number>;
  CreateIndex?: N<number>;
  ModifyIndex?: N<number>;
  JobModifyIndex?: N<number>;
}
