/**
 * @module executor: the I/O around one run of a task: start the executor shim (shim/executor.mjs),
 * learn the task's pid, wait for the exit record, signal the task's process group. Works the same
 * for a shim this process started and for one adopted after an agent restart (watched by polling).
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TaskRunnerError, TaskRunnerErrorCode } from "./errors.js";
import { isSameProcess, type ProcessIdentity } from "./proc.js";

/** Resolves from both src/ and dist/: the shim sits beside them in the package. */
export const SHIM_PATH = fileURLToPath(new URL("../shim/executor.mjs", import.meta.url));

export interface ExecutorSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  taskName: string;
  logDir: string;
  maxFiles: number;
  maxFileBytes: number;
}

/** What the shim persists in `<task>/.runner/handle.json`: enough to find both processes again. */
export interface ExecutorHandle {
  shim: ProcessIdentity;
  task: ProcessIdentity;
  startedAtMs: number;
}

export interface ExitRecord {
  exitCode: number;
  signal: string | null;
  signum: number;
  finishedAtMs: number;
}

export function runnerFiles(runnerDir: string): { spec: string; handle: string; exit: string } {
  return {
    spec: join(runnerDir, "spec.json"),
    handle: join(runnerDir, "handle.json"),
    exit: join(runnerDir, "exit.json"),
  };
}

export function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    return null;
  }
}

export interface Launched {
  handle: ExecutorHandle;
  /** Resolves once the shim is gone; fast path for a shim we are the parent of. */
  shimExited: Promise<void>;
}

/** Starts the shim and waits for its one-line handshake. Throws DriverFailure if the command cannot start. */
export async function launch(runnerDir: string, spec: ExecutorSpec, nodePath = process.execPath): Promise<Launched> {
  mkdirSync(runnerDir, { recursive: true });
  const files = runnerFiles(runnerDir);
  // A stale exit record from the previous run must not be read as this run's.
  rmSync(files.exit, { force: true });
  rmSync(files.handle, { force: true });
  // The spec holds the task's whole environment, which may carry secrets: owner-only.
  writeFileSync(files.spec, JSON.stringify({ ...spec, handleFile: files.handle, exitFile: files.exit }), { mode: 0o600 });
  const shim = spawn(nodePath, [SHIM_PATH, files.spec], {
    cwd: spec.cwd,
    detached: true,
    stdio: ["ignore", "ignore", "ignore", "pipe"],
    env: {},
  });
  const shimExited = new Promise<void>((resolve) => {
    shim.once("exit", () => resolve());
    shim.once("error", () => resolve());
  });
  const line = await new Promise<string>((resolve) => {
    let text = "";
    const handshake = shim.stdio[3] as NodeJS.ReadableStream | null;
    if (!handshake) return resolve("");
    handshake.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    handshake.on("close", () => resolve(text.trim()));
    handshake.on("error", () => resolve(text.trim()));
  });
  // The agent may exit while the task keeps running; the shim must not hold our event loop.
  shim.unref();
  const reply = (line ? JSON.parse(line) : { error: "executor exited without a handshake" }) as
    | ExecutorHandle
    | { error: string };
  if ("error" in reply) {
    throw new TaskRunnerError(TaskRunnerErrorCode.DriverFailure, `failed to launch command with executor: ${reply.error}`);
  }
  return { handle: reply, shimExited };
}

export interface WaitOptions {
  pollMs?: number;
  signal?: AbortSignal;
}

/**
 * Waits for the run to end and returns its exit record, or null when the shim vanished without
 * one (killed -9 or crashed): the exit status is then unknown.
 */
export async function waitForExit(
  runnerDir: string,
  handle: ExecutorHandle,
  shimExited: Promise<void> | null,
  { pollMs = 200 }: WaitOptions = {},
): Promise<ExitRecord | null> {
  const files = runnerFiles(runnerDir);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (!isSameProcess(handle.shim)) done();
    }, pollMs);
    const done = (): void => {
      clearInterval(timer);
      resolve();
    };
    shimExited?.then(done);
  });
  return readJson<ExitRecord>(files.exit);
}
