/** @module The resilience suite's errors, with stable codes a failing scenario's message starts with. */
export const ResilienceErrorCode = {
  ProcessNotFound: "resilience_process_not_found",
  BadAnswer: "resilience_bad_answer",
  ConsulWrite: "resilience_consul_write_failed",
} as const;
export type ResilienceErrorCode = (typeof ResilienceErrorCode)[keyof typeof ResilienceErrorCode];

export class ResilienceError extends Error {
  constructor(
    readonly code: ResilienceErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "ResilienceError";
  }
}
