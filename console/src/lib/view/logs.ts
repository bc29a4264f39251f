/**
 * @module logs: a task's log text → rows for the logs page. Our services log one JSON object per
 * line (service-kit's logger); anything else (a crash trace, another program) is kept verbatim.
 */
export interface LogRow {
  raw: string;
  /** Null when the line is not a JSON object: shown as-is. */
  time: string | null;
  level: string | null;
  msg: string | null;
  status: number | null;
  traceId: string | null;
  /** The remaining fields as `key=value`, so nothing in the line is hidden. */
  rest: string;
}

const SHOWN = new Set(["time", "ts", "timestamp", "level", "msg", "message", "status", "trace_id", "traceId"]);
// Identical on every line of one task; the page already says whose log this is.
const HIDDEN = new Set(["service", "version", "alloc", "pid", "hostname"]);

function str(v: unknown): string | null {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : null;
}

/** pino-style numeric levels and ISO or epoch-millisecond times become words and `HH:MM:SS.mmm`. */
const LEVELS: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };
function time(v: unknown): string | null {
  const d = typeof v === "number" ? new Date(v) : typeof v === "string" ? new Date(v) : null;
  if (!d || Number.isNaN(d.getTime())) return str(v);
  return d.toISOString().slice(11, 23);
}

export function toLogRow(raw: string): LogRow {
  const plain: LogRow = { raw, time: null, level: null, msg: null, status: null, traceId: null, rest: "" };
  if (!raw.startsWith("{")) return plain;
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return plain;
  }
  if (!o || typeof o !== "object" || Array.isArray(o)) return plain;
  const r = o as Record<string, unknown>;
  const level = typeof r.level === "number" ? (LEVELS[r.level] ?? String(r.level)) : str(r.level);
  const rest = Object.entries(r)
    .filter(([k]) => !SHOWN.has(k) && !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  return {
    raw,
    time: time(r.time ?? r.ts ?? r.timestamp),
    level,
    msg: str(r.msg ?? r.message),
    status: typeof r.status === "number" ? r.status : null,
    traceId: str(r.trace_id ?? r.traceId),
    rest,
  };
}

/** Splits streamed text into complete lines; the unfinished tail waits for the next chunk. */
export function splitLines(pending: string, chunk: string): { lines: string[]; pending: string } {
  const parts = (pending + chunk).split("\n");
  const tail = parts.pop() ?? "";
  return { lines: parts.map((l) => l.replace(/\r$/, "")).filter((l) => l.length > 0), pending: tail };
}

/** Keeps the newest `max` rows so a long follow does not grow the page without bound. */
export function appendBounded<T>(rows: readonly T[], more: readonly T[], max: number): T[] {
  const all = rows.concat(more);
  return all.length > max ? all.slice(all.length - max) : all;
}
