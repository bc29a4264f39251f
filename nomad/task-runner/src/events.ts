/**
 * @module events: Nomad-shaped TaskEvents and TaskState bookkeeping, pure. Display messages follow
 * Nomad's `TaskEvent.PopulateEventDisplayMessage` so `nomad alloc status` reads the same.
 */
import type { TaskEvent, TaskState } from "./types.js";

export const TaskEventType = {
  Received: "Received",
  Setup: "Task Setup",
  Started: "Started",
  Terminated: "Terminated",
  Restarting: "Restarting",
  NotRestarting: "Not Restarting",
  Killing: "Killing",
  Killed: "Killed",
  DriverFailure: "Driver Failure",
  SetupFailure: "Setup Failure",
  SiblingFailed: "Sibling Task Failed",
  MainDead: "Main Tasks Dead",
} as const;

/** Go's zero `time.Time` as JSON. */
export const ZERO_TIME = "0001-01-01T00:00:00Z";
/** Nomad keeps the last 10 events per task. */
export const MAX_TASK_EVENTS = 10;

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

/** Go's `time.Duration.String()` for whole milliseconds: `5s`, `1m30s`, `250ms`, `1h0m0s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds - hours * 3600) / 60);
  const seconds = Number((totalSeconds - hours * 3600 - minutes * 60).toFixed(3));
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

const SIGNAL_NUMBERS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGABRT: 6,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
};

export function signalNumber(signal: string | null | undefined): number {
  return signal ? (SIGNAL_NUMBERS[signal] ?? 0) : 0;
}

export type EventFields = Partial<Omit<TaskEvent, "Type" | "Time" | "DisplayMessage" | "Details">>;

/** A TaskEvent with Nomad's display message and string `Details`. */
export function taskEvent(type: string, nowMs: number, fields: EventFields = {}): TaskEvent {
  const event: TaskEvent = {
    Type: type,
    Time: nowMs * 1_000_000,
    Message: "",
    DisplayMessage: "",
    Details: {},
    FailsTask: false,
    RestartReason: "",
    ExitCode: 0,
    Signal: 0,
    KillTimeout: 0,
    KillReason: "",
    StartDelay: 0,
    DriverError: "",
    FailedSibling: "",
    SetupError: "",
    ...fields,
  };
  event.DisplayMessage = displayMessage(event);
  event.Details = details(event);
  return event;
}

function displayMessage(e: TaskEvent): string {
  switch (e.Type) {
    case TaskEventType.Received:
      return "Task received by client";
    case TaskEventType.Started:
      return "Task started by client";
    case TaskEventType.Terminated: {
      let text = `Exit Code: ${e.ExitCode}`;
      if (e.Signal !== 0) text += `, Signal: ${e.Signal}`;
      if (e.Message !== "") text += `, Exit Message: ${JSON.stringify(e.Message)}`;
      return text;
    }
    case TaskEventType.Restarting: {
      const inText = `Task restarting in ${goDuration(e.StartDelay / 1_000_000)}`;
      return e.RestartReason !== "" ? `${e.RestartReason} - ${inText}` : inText;
    }
    case TaskEventType.NotRestarting:
      return e.RestartReason !== "" ? e.RestartReason : "Task exceeded restart policy";
    case TaskEventType.Killing:
      return e.KillReason !== ""
        ? `${e.KillReason}`
        : `Sent interrupt. Waiting ${goDuration(e.KillTimeout / 1_000_000)} before force killing`;
    case TaskEventType.Killed:
      return "Task successfully killed";
    case TaskEventType.DriverFailure:
      return e.DriverError !== "" ? e.DriverError : "Failed to start task";
    case TaskEventType.SetupFailure:
      return e.SetupError !== "" ? e.SetupError : "Task setup failed";
    case TaskEventType.SiblingFailed:
      return e.FailedSibling !== "" ? `Task's sibling ${JSON.stringify(e.FailedSibling)} failed` : "Task's sibling failed";
    case TaskEventType.MainDead:
      return "Main tasks in the group died";
    default:
      return e.Message;
  }
}

function details(e: TaskEvent): Record<string, string> {
  const d: Record<string, string> = {};
  if (e.Type === TaskEventType.Terminated) {
    d.exit_code = String(e.ExitCode);
    d.signal = String(e.Signal);
    if (e.Message !== "") d.exit_message = e.Message;
  }
  if (e.RestartReason !== "") d.restart_reason = e.RestartReason;
  if (e.StartDelay !== 0) d.start_delay = String(e.StartDelay);
  if (e.KillTimeout !== 0) d.kill_timeout = goDuration(e.KillTimeout / 1_000_000);
  if (e.KillReason !== "") d.kill_reason = e.KillReason;
  if (e.DriverError !== "") d.driver_error = e.DriverError;
  if (e.SetupError !== "") d.setup_error = e.SetupError;
  if (e.FailedSibling !== "") d.failed_sibling = e.FailedSibling;
  if (e.FailsTask) d.fails_task = "true";
  return d;
}

export function initialTaskState(): TaskState {
  return {
    State: "pending",
    Failed: false,
    Restarts: 0,
    LastRestart: ZERO_TIME,
    StartedAt: ZERO_TIME,
    FinishedAt: ZERO_TIME,
    Events: [],
  };
}

/** A new state with `event` appended (keeping the last MAX_TASK_EVENTS) and `patch` applied. */
export function withEvent(state: TaskState, event: TaskEvent | null, patch: Partial<TaskState> = {}): TaskState {
  const events = event ? [...state.Events, event].slice(-MAX_TASK_EVENTS) : state.Events;
  return { ...state, ...patch, Events: events };
}
