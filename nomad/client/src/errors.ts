/**
 * @module errors: what can go wrong talking to Nomad, with stable codes. A non-2xx answer keeps its
 * status and body (Nomad errors are `text/plain` messages), like the Go client's
 * `UnexpectedResponseError`; callers match on `body` the way the CLI does (`Enforcing job modify index`).
 */

export const NomadErrorCode = {
  /** Nomad answered with a status other than the expected one. */
  UnexpectedResponse: "NOMAD_UNEXPECTED_RESPONSE",
  /** No answer: connection refused, reset, DNS. */
  Transport: "NOMAD_TRANSPORT",
  /** No answer within the request timeout (wait time plus a margin for blocking queries). */
  Timeout: "NOMAD_TIMEOUT",
  /** A 2xx answer whose body is not the JSON we expected. */
  Decode: "NOMAD_DECODE",
  /** Invalid client configuration (NOMAD_ADDR and friends). */
  Config: "NOMAD_CONFIG",
} as const;
export type NomadErrorCode = (typeof NomadErrorCode)[keyof typeof NomadErrorCode];

export class NomadError extends Error {
  override name = "NomadError";
  readonly code: NomadErrorCode;
  constructor(code: NomadErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export class UnexpectedResponseError extends NomadError {
  override name = "UnexpectedResponseError";
  readonly statusCode: number;
  readonly statusText: string;
  readonly body: string;
  readonly expected: number[];

  constructor(statusCode: number, statusText: string, body: string, expected: number[] = [200]) {
    // Same text as the Go client, so messages read the same as the nomad CLI's.
    super(NomadErrorCode.UnexpectedResponse, `Unexpected response code: ${statusCode} (${body})`);
    this.statusCode = statusCode;
    this.statusText = statusText;
    this.body = body;
    this.expected = expected;
  }

  /** True for Nomad's "not found" answers (404), e.g. `job not found`. */
  get notFound(): boolean {
    return this.statusCode === 404;
  }
}
