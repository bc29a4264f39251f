/** Stable codes: the CLI prints `code: message` and exits 2; the SD bridge answers `{ error: { code, message } }`. */
export const ObservabilityErrorCode = {
  InvalidConfig: "observability_invalid_config",
  UnknownCommand: "observability_unknown_command",
  ConsulUnavailable: "observability_consul_unavailable",
  ConsulBadResponse: "observability_consul_bad_response",
  NotFound: "observability_not_found",
  MethodNotAllowed: "observability_method_not_allowed",
} as const;
export type ObservabilityErrorCode = (typeof ObservabilityErrorCode)[keyof typeof ObservabilityErrorCode];

export class ObservabilityError extends Error {
  constructor(
    readonly code: ObservabilityErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ObservabilityError";
  }
}
