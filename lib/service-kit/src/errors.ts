/**
 * The one error type the services throw at their HTTP edge. `code` is stable (clients and tests
 * match on it); `field` names the input that was wrong, when there is one.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.field = options.field;
  }

  toJSON(): { message: string; code: string; field?: string } {
    return this.field === undefined
      ? { message: this.message, code: this.code }
      : { message: this.message, code: this.code, field: this.field };
  }
}

export const ErrorCodes = {
  notFound: "NOT_FOUND",
  badRequest: "BAD_REQUEST",
  faultInjected: "FAULT_INJECTED",
  upstreamUnavailable: "UPSTREAM_UNAVAILABLE",
  upstreamTimeout: "UPSTREAM_TIMEOUT",
  upstreamBadResponse: "UPSTREAM_BAD_RESPONSE",
  internal: "INTERNAL",
  configInvalid: "CONFIG_INVALID",
} as const;

/** Thrown by loadConfig with every invalid variable listed, so one start shows all mistakes. */
export class ConfigError extends Error {
  readonly code = ErrorCodes.configInvalid;
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`invalid configuration:\n  ${issues.join("\n  ")}`);
    this.name = "ConfigError";
    this.issues = issues;
  }
}
