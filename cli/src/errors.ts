/**
 * @module errors: every failure the CLI reports on purpose, with a stable code and the exit status
 * it maps to. Anything else (a bug) reaches main.ts and prints its stack.
 */

export const CliErrorCode = {
  /** Bad flags or arguments; exit 1 with the command's usage, as `nomad` does. */
  Usage: "CLI_USAGE",
  /** A job file that does not parse (the message names file:line from @forex-mesh/jobspec). */
  Jobspec: "CLI_JOBSPEC",
  /** No job, deployment or allocation matches the given ID or prefix. */
  NotFound: "CLI_NOT_FOUND",
  /** A prefix matches several objects. */
  Ambiguous: "CLI_AMBIGUOUS",
  /** `up`: a port we need is taken. */
  PortBusy: "CLI_PORT_BUSY",
  /** `up`: `pnpm -r build` failed. */
  BuildFailed: "CLI_BUILD_FAILED",
  /** `up`: the dev agent exited or never said it was listening. */
  AgentStart: "CLI_AGENT_START",
  /** The Nomad API refused or failed a call. */
  Api: "CLI_API",
} as const;
export type CliErrorCode = (typeof CliErrorCode)[keyof typeof CliErrorCode];

export class CliError extends Error {
  override name = "CliError";
  readonly code: CliErrorCode;
  readonly exitCode: number;
  constructor(code: CliErrorCode, message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
  }
}
