/**
 * @module errors: every failure this package throws is a TaskRunnerError with a stable code, so the
 * dev agent's HTTP layer can map it (e.g. LOGS_NOT_FOUND → 404 with Nomad's text) in one place.
 */

export const TaskRunnerErrorCode = {
  /** The task spec cannot be run (wrong driver, no `command`). */
  InvalidTask: "TASK_INVALID",
  /** The executor shim could not start the command (ENOENT, EACCES …). */
  DriverFailure: "TASK_DRIVER_FAILURE",
  /** No log file exists for the task/type: Nomad answers 404 `task "x" not started yet. No logs available`. */
  LogsNotFound: "LOGS_NOT_FOUND",
  /** A log read parameter is out of range (negative offset, bad type/origin). */
  InvalidLogRequest: "LOGS_INVALID_REQUEST",
  /** An operation that needs a state the runner is not in (start twice, adopt a running runner). */
  InvalidState: "TASK_INVALID_STATE",
} as const;
export type TaskRunnerErrorCode = (typeof TaskRunnerErrorCode)[keyof typeof TaskRunnerErrorCode];

export class TaskRunnerError extends Error {
  override readonly name = "TaskRunnerError";
  readonly code: TaskRunnerErrorCode;

  constructor(code: TaskRunnerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
