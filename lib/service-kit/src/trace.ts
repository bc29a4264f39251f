import { randomBytes } from "node:crypto";

/** W3C Trace Context, https://www.w3.org/TR/trace-context/#traceparent-header */
export interface TraceContext {
  traceId: string;
  spanId: string;
  flags: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

export type RandomHex = (bytes: number) => string;
export const cryptoHex: RandomHex = (bytes) => randomBytes(bytes).toString("hex");

/** Parses a traceparent header; anything malformed (or all-zero ids) is treated as absent. */
export function parseTraceparent(header: string | undefined): TraceContext | undefined {
  if (header === undefined) return undefined;
  const match = TRACEPARENT.exec(header.trim().toLowerCase());
  if (match === null) return undefined;
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string];
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined;
  return { traceId, spanId, flags };
}

/** The context of this hop: the caller's trace with a new span, or a new sampled trace. */
export function continueTrace(incoming: TraceContext | undefined, hex: RandomHex = cryptoHex): TraceContext {
  return incoming === undefined
    ? { traceId: hex(16), spanId: hex(8), flags: "01" }
    : { traceId: incoming.traceId, spanId: hex(8), flags: incoming.flags };
}

export function formatTraceparent({ traceId, spanId, flags }: TraceContext): string {
  return `00-${traceId}-${spanId}-${flags}`;
}
