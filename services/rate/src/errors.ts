/**
 * @module errors: every way forex-rate refuses a request, with a stable code. Pure modules return
 * these as values (`Result`); only the HTTP layer turns them into `HttpError`s.
 */
import { HttpError } from "@forex-mesh/service-kit";

export const RateErrorCodes = {
  /** Well-formed input the data does not know: unknown currency, date outside the history. */
  notFound: "RATE_NOT_FOUND",
  /** A currency that exists but has no ECB quote on that day (RUB after 2022-03-01, ISK gap, …). */
  notQuoted: "RATE_NOT_QUOTED",
  invalidCurrency: "RATE_INVALID_CURRENCY",
  invalidDate: "RATE_INVALID_DATE",
  invalidRange: "RATE_INVALID_RANGE",
  invalidAmount: "RATE_INVALID_AMOUNT",
  invalidParameter: "RATE_INVALID_PARAMETER",
  rangeTooLarge: "RATE_RANGE_TOO_LARGE",
  notReady: "RATE_NOT_READY",
} as const;

export type RateErrorCode = (typeof RateErrorCodes)[keyof typeof RateErrorCodes];

export interface RateError {
  status: 400 | 404 | 503;
  code: RateErrorCode;
  message: string;
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: RateError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** 400: the request itself is malformed (Frankfurter answers 422 here; we use 400 like the other services). */
export const badRequest = (code: RateErrorCode, field: string, message: string): Result<never> => ({
  ok: false,
  error: { status: 400, code, field, message },
});

/** 404: well-formed, but there is no such rate (Frankfurter answers 404 "not found" here). */
export const notFound = (code: RateErrorCode, field: string, message: string): Result<never> => ({
  ok: false,
  error: { status: 404, code, field, message },
});

export function toHttpError(error: RateError): HttpError {
  return new HttpError(error.status, error.code, error.message, error.field === undefined ? {} : { field: error.field });
}

/** Thrown by the parsers and the snapshot reader: the source file is not what it claims to be. */
export class RatesFormatError extends Error {
  readonly code = "RATE_SOURCE_FORMAT";
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "RatesFormatError";
  }
}
