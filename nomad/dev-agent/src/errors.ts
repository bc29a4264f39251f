/**
 * @module errors: every error the dev agent answers with. Consul clients read the status and the
 * text/plain body (node-consul turns a short body into the error message), so the message is the
 * wire text and `code` is our stable name for it in logs and tests.
 */
export type ErrorCode =
  | "BAD_REQUEST"
  | "INVALID_INDEX"
  | "INVALID_WAIT"
  | "MISSING_KEY"
  | "MISSING_SERVICE_NAME"
  | "CONFLICTING_FLAGS"
  | "DECODE_FAILED"
  | "BODY_TOO_LARGE"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "UNKNOWN_CHECK"
  | "INVALID_FILTER"
  | "UNSUPPORTED"
  | "INTERNAL"
  | "RPC_ERROR"
  | "ENFORCE_INDEX";

export class ConsulError extends Error {
  readonly status: number;
  readonly code: ErrorCode;

  constructor(status: number, code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConsulError";
    this.status = status;
    this.code = code;
  }
}

export const badRequest = (message: string, code: ErrorCode = "BAD_REQUEST"): ConsulError =>
  new ConsulError(400, code, message);
export const notFound = (message: string): ConsulError => new ConsulError(404, "NOT_FOUND", message);
/** A Nomad RPC error: the server answers these with HTTP 500 and the error text. */
export const rpcError = (message: string, code: ErrorCode = "RPC_ERROR"): ConsulError => new ConsulError(500, code, message);
export const methodNotAllowed = (method: string): ConsulError =>
  new ConsulError(405, "METHOD_NOT_ALLOWED", `method ${method} not allowed`);

/** Errors for the command line and the data directory, reported before anything listens. */
export class AgentStartupError extends Error {
  readonly code: "INVALID_FLAGS" | "DATA_DIR" | "LISTEN";

  constructor(code: "INVALID_FLAGS" | "DATA_DIR" | "LISTEN", message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AgentStartupError";
    this.code = code;
  }
}
