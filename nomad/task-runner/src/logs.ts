/**
 * @module logs: reading a task's rotated log files the way Nomad's `client/fs/logs` does (§A6):
 * one logical stream over `alloc/logs/<task>.<type>.<n>` (n ascending), `origin`/`offset`,
 * optional `follow` across rotations with `{}` heartbeats, and the framed JSON encoding
 * (`{"File","Offset","Data"(base64)}` objects written back to back) or plain bytes.
 *
 * @example
 * for await (const chunk of framedLogStream(allocDir, "web", "stdout", { follow: true, signal })) res.write(chunk);
 */
import { open, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { isSafeName } from "./env.js";
import { TaskRunnerError, TaskRunnerErrorCode } from "./errors.js";

export type LogType = "stdout" | "stderr";

export interface LogFrame {
  File?: string;
  /** Offset in `File` just past `Data`, as Nomad's framer sends it. */
  Offset?: number;
  Data?: Buffer;
  FileEvent?: "file deleted" | "file truncated";
}

export interface LogReadOptions {
  origin?: "start" | "end";
  offset?: number;
  follow?: boolean;
  signal?: AbortSignal;
  pollMs?: number;
  heartbeatMs?: number;
  /** Nomad caps a frame's data at 64 KiB. */
  maxFrameBytes?: number;
}

async function logIndexes(logDir: string, base: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(logDir);
  } catch {
    return [];
  }
  const prefix = `${base}.`;
  return names
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => Number(n.slice(prefix.length)))
    .sort((a, b) => a - b);
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

/** Where a read starts: a file index and an offset in it, from Nomad's origin/offset over all files. */
async function startPosition(
  logDir: string,
  base: string,
  indexes: number[],
  origin: "start" | "end",
  offset: number,
): Promise<{ index: number; pos: number }> {
  const sizes = await Promise.all(indexes.map(async (i) => (await sizeOf(join(logDir, `${base}.${i}`))) ?? 0));
  if (origin === "start") {
    let left = offset;
    for (let k = 0; k < indexes.length; k++) {
      const size = sizes[k] as number;
      if (left <= size) return { index: indexes[k] as number, pos: left };
      left -= size;
    }
    return { index: indexes.at(-1) as number, pos: sizes.at(-1) as number };
  }
  let left = offset;
  for (let k = indexes.length - 1; k >= 0; k--) {
    const size = sizes[k] as number;
    if (left <= size) return { index: indexes[k] as number, pos: size - left };
    left -= size;
  }
  return { index: indexes[0] as number, pos: 0 };
}

/** Reads from `pos` to the current end of one file in frames. Returns the new position, or null if the file is gone. */
async function* drain(path: string, file: string, pos: number, max: number, out: { pos: number | null }): AsyncGenerator<LogFrame> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch {
    out.pos = null;
    return;
  }
  try {
    const buffer = Buffer.alloc(max);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, max, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      yield { File: file, Offset: pos, Data: Buffer.from(buffer.subarray(0, bytesRead)) };
    }
  } finally {
    await handle.close();
  }
  out.pos = pos;
}

/**
 * The frames of one task's stdout or stderr. Without `follow` it ends at the end of the newest file
 * that existed when called; with `follow` it runs until `signal` aborts, yielding `{}` heartbeats.
 * Throws LOGS_NOT_FOUND when the task has written no log file yet.
 */
export async function* readLogs(
  allocDir: string,
  task: string,
  type: LogType,
  { origin = "start", offset = 0, follow = false, signal, pollMs = 200, heartbeatMs = 1000, maxFrameBytes = 65536 }: LogReadOptions = {},
): AsyncGenerator<LogFrame> {
  if (type !== "stdout" && type !== "stderr") {
    throw new TaskRunnerError(TaskRunnerErrorCode.InvalidLogRequest, "must provide log type (stdout/stderr)");
  }
  if (!isSafeName(task)) {
    throw new TaskRunnerError(TaskRunnerErrorCode.InvalidLogRequest, `invalid task name ${JSON.stringify(task)}`);
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new TaskRunnerError(TaskRunnerErrorCode.InvalidLogRequest, "offset must be a non-negative integer");
  }
  const logDir = join(allocDir, "alloc", "logs");
  const base = `${task}.${type}`;
  const initial = await logIndexes(logDir, base);
  if (initial.length === 0) {
    throw new TaskRunnerError(TaskRunnerErrorCode.LogsNotFound, `task ${JSON.stringify(task)} not started yet. No logs available`);
  }
  const lastAtStart = initial.at(-1) as number;
  let { index, pos } = await startPosition(logDir, base, initial, origin, offset);
  let lastSent = Date.now();
  let deletedReported = false;
  for (;;) {
    if (signal?.aborted) return;
    const name = `${base}.${index}`;
    const out = { pos: null as number | null };
    for await (const frame of drain(join(logDir, name), `alloc/logs/${name}`, pos, maxFrameBytes, out)) {
      lastSent = Date.now();
      yield frame;
    }
    const newer = (await logIndexes(logDir, base)).find((i) => i > index);
    if (!follow && (index >= lastAtStart || newer === undefined)) return;
    if (newer !== undefined) {
      // Rotation: the current file is complete (the writer only appends to the newest one).
      index = newer;
      pos = 0;
      continue;
    }
    if (out.pos === null) {
      if (!deletedReported) yield { File: `alloc/logs/${name}`, FileEvent: "file deleted" };
      deletedReported = true;
      lastSent = Date.now();
      pos = 0;
    } else {
      deletedReported = false;
      const size = await sizeOf(join(logDir, name));
      if (size !== null && size < out.pos) {
        yield { File: `alloc/logs/${name}`, FileEvent: "file truncated" };
        lastSent = Date.now();
        pos = 0;
        continue;
      }
      pos = out.pos;
    }
    if (Date.now() - lastSent >= heartbeatMs) {
      lastSent = Date.now();
      yield {};
    }
    await delay(pollMs, undefined, signal ? { signal } : {}).catch(() => undefined);
  }
}

/** One frame as Nomad's JSON: empty fields omitted, `Data` base64. A heartbeat is `{}`. */
export function encodeFrame(frame: LogFrame): string {
  const out: Record<string, unknown> = {};
  if (frame.File) out.File = frame.File;
  if (frame.Offset) out.Offset = frame.Offset;
  if (frame.Data && frame.Data.length > 0) out.Data = frame.Data.toString("base64");
  if (frame.FileEvent) out.FileEvent = frame.FileEvent;
  return JSON.stringify(out);
}

/** The body of a framed (`plain=false`) response: JSON objects back to back. */
export async function* framedLogStream(allocDir: string, task: string, type: LogType, options: LogReadOptions = {}): AsyncGenerator<string> {
  for await (const frame of readLogs(allocDir, task, type, options)) yield encodeFrame(frame);
}

/** The body of a `plain=true` response: the raw bytes only. */
export async function* plainLogStream(allocDir: string, task: string, type: LogType, options: LogReadOptions = {}): AsyncGenerator<Buffer> {
  for await (const frame of readLogs(allocDir, task, type, options)) if (frame.Data) yield frame.Data;
}
