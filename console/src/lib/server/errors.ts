/** @module errors: every error the console's API answers with, by stable code. */
export const ConsoleErrorCode = {
  Unauthenticated: "unauthenticated",
  CrossOrigin: "cross_origin",
  BadCredentials: "bad_credentials",
  InvalidInput: "invalid_input",
  InvalidRouteTable: "invalid_route_table",
  NotFound: "not_found",
  MethodNotAllowed: "method_not_allowed",
  Conflict: "conflict",
  Upstream: "upstream_unavailable",
} as const;
export type ConsoleErrorCode = (typeof ConsoleErrorCode)[keyof typeof ConsoleErrorCode];

const STATUS: Record<ConsoleErrorCode, number> = {
  unauthenticated: 401,
  cross_origin: 403,
  bad_credentials: 401,
  invalid_input: 400,
  invalid_route_table: 422,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  upstream_unavailable: 502,
};

export class ConsoleError extends Error {
  readonly status: number;
  constructor(
    readonly code: ConsoleErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = STATUS[code];
  }
  body(): { error: { code: string; message: string; details?: unknown } } {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** The JSON response for any thrown value; unknown errors are upstream failures (we only call out). */
export function errorResponse(error: unknown): Response {
  const e = error instanceof ConsoleError ? error : new ConsoleError(ConsoleErrorCode.Upstream, error instanceof Error ? error.message : String(error), undefined, { cause: error });
  return Response.json(e.body(), { status: e.status });
}
