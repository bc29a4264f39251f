/** @module The e2e package's errors, with stable codes a failing test message starts with. */
export const E2eErrorCode = {
  NotBuilt: "e2e_not_built",
  SystemStart: "e2e_system_start_failed",
  PrometheusQuery: "e2e_prometheus_query_failed",
  BadAnswer: "e2e_bad_answer",
} as const;
export type E2eErrorCode = (typeof E2eErrorCode)[keyof typeof E2eErrorCode];

export class E2eError extends Error {
  constructor(
    readonly code: E2eErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "E2eError";
  }
}
