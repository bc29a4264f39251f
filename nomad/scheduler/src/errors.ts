/**
 * @module errors: stable codes for the requests the scheduler refuses. `message` is Nomad's own
 * text where Nomad has one, since the HTTP layer returns it verbatim (as a 500, like Nomad's RPC
 * errors, §A5).
 */
export const SchedulerErrorCode = {
  DeploymentTerminal: "deployment_terminal",
  CanariesUnhealthy: "canaries_unhealthy",
  UnknownGroup: "unknown_group",
} as const;
export type SchedulerErrorCode = (typeof SchedulerErrorCode)[keyof typeof SchedulerErrorCode];

export interface SchedulerError {
  code: SchedulerErrorCode;
  message: string;
}

/** Go's `multierror` text, which Nomad returns when several groups refuse promotion. */
export function multiErrorText(messages: string[]): string {
  const points = messages.map((m) => `* ${m}`).join("\n\t");
  const head = messages.length === 1 ? "1 error occurred" : `${messages.length} errors occurred`;
  return `${head}:\n\t${points}\n\n`;
}
