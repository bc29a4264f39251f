/** Stable codes for what went wrong in the rollout package; logs, status messages and the console show them. */
export const RolloutErrorCode = {
  /** A rollout key's value is not JSON. */
  NotJson: "rollout_not_json",
  /** A rollout key's value does not match its schema. */
  Invalid: "rollout_invalid",
  /** The controller's environment is incomplete or malformed. */
  Config: "rollout_config_invalid",
  /** Prometheus did not answer, or answered something that is not a vector. */
  Metrics: "rollout_metrics_unavailable",
  /** Consul KV refused or failed a request. */
  Consul: "rollout_consul_failed",
  /** Nomad refused or failed a request. */
  Nomad: "rollout_nomad_failed",
  /** Another writer changed a key between our read and our write, every retry. */
  Conflict: "rollout_cas_conflict",
  /** The /healthz server got a request for a path it does not serve. */
  NotFound: "rollout_not_found",
  /** The /healthz server got a method other than GET/HEAD. */
  MethodNotAllowed: "rollout_method_not_allowed",
} as const;
export type RolloutErrorCode = (typeof RolloutErrorCode)[keyof typeof RolloutErrorCode];

export interface RolloutIssue {
  /** Where in the document, e.g. `steps.2`; empty for the whole value. */
  path: string;
  message: string;
}

export interface RolloutParseError {
  code: typeof RolloutErrorCode.NotJson | typeof RolloutErrorCode.Invalid;
  /** One line naming every problem, for logs. */
  message: string;
  issues: RolloutIssue[];
}

/** An error thrown by the controller's I/O, carrying a stable code. */
export class RolloutError extends Error {
  constructor(
    readonly code: RolloutErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RolloutError";
  }
}
