/**
 * @module defaults: the values a real Nomad server fills in (api `Canonicalize` plus the server's own
 * pass), as constants so the scheduler and tests can name them. Durations are nanoseconds.
 */
import type { MigrateStrategy, ReschedulePolicy, RestartPolicy, UpdateStrategy } from "./types.js";

export const SECOND = 1_000_000_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

export const DEFAULT_UPDATE: Required<{ [K in keyof UpdateStrategy]: NonNullable<UpdateStrategy[K]> }> = {
  Stagger: 30 * SECOND,
  MaxParallel: 1,
  HealthCheck: "checks",
  MinHealthyTime: 10 * SECOND,
  HealthyDeadline: 5 * MINUTE,
  ProgressDeadline: 10 * MINUTE,
  Canary: 0,
  AutoRevert: false,
  AutoPromote: false,
};

export function defaultRestart(jobType: string): RestartPolicy {
  return jobType === "batch" || jobType === "sysbatch"
    ? { Delay: 15 * SECOND, Attempts: 3, Interval: 24 * HOUR, Mode: "fail", RenderTemplates: false }
    : { Delay: 15 * SECOND, Attempts: 2, Interval: 30 * MINUTE, Mode: "fail", RenderTemplates: false };
}

/** `null` for system and sysbatch jobs: they are never rescheduled. */
export function defaultReschedule(jobType: string): ReschedulePolicy | null {
  if (jobType === "service") {
    return { Attempts: 0, Interval: 0, Delay: 30 * SECOND, DelayFunction: "exponential", MaxDelay: HOUR, Unlimited: true };
  }
  if (jobType === "batch") {
    return { Attempts: 1, Interval: 24 * HOUR, Delay: 5 * SECOND, DelayFunction: "constant", MaxDelay: 0, Unlimited: false };
  }
  return null;
}

export const DEFAULT_MIGRATE: MigrateStrategy = { MaxParallel: 1, HealthCheck: "checks", MinHealthyTime: 10 * SECOND, HealthyDeadline: 5 * MINUTE };
export const DEFAULT_EPHEMERAL_DISK = { Sticky: false, Migrate: false, SizeMB: 300 };
export const DEFAULT_LOG_CONFIG = { MaxFiles: 10, MaxFileSizeMB: 10, Disabled: false };
export const DEFAULT_KILL_TIMEOUT = 5 * SECOND;
