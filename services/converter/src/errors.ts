import { ErrorCodes, HttpError } from "@forex-mesh/service-kit";

/**
 * Stable error codes of forex-converter. Clients and tests match on `code`; `field` names the query
 * parameter at fault. The service-kit codes (upstream unavailable/timeout/bad response, not found,
 * fault injected) keep their meaning here.
 */
export const ConverterErrorCodes = {
  ...ErrorCodes,
  /** A query parameter is missing or malformed (400). */
  invalidParameter: "INVALID_PARAMETER",
  /** forex-rate refused the question (unknown currency, date out of range…); its 4xx status is kept. */
  rateRejected: "RATE_REJECTED",
  /** forex-rate answered but has no rate for the pair on that day (422). */
  rateNotQuoted: "RATE_NOT_QUOTED",
} as const;

export function invalidParameter(field: string, message: string): HttpError {
  return new HttpError(400, ConverterErrorCodes.invalidParameter, message, { field });
}

export function badRateResponse(message: string, cause?: unknown): HttpError {
  return new HttpError(502, ConverterErrorCodes.upstreamBadResponse, message, { cause });
}
