/**
 * @module The process table (Linux /proc): which processes are an allocation's tasks, the dev
 * agent of one data directory, and their resident memory. Tasks are found by the environment Nomad
 * gives them (`NOMAD_ALLOC_ID`, `NOMAD_TASK_NAME`), so nothing here reads the agent's own files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { ResilienceError, ResilienceErrorCode } from "./errors.js";

/** `/proc/<pid>/environ` or `cmdline` text: NUL-separated entries. */
export function splitNul(text: string): string[] {
  return text.split("\0").filter((s) => s !== "");
}

export function parseEnviron(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of splitNul(text)) {
    const eq = entry.indexOf("=");
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/** Resident set size in bytes from `/proc/<pid>/status` text (its `VmRSS: N kB` line), or null. */
export function parseRss(status: string): number | null {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return m ? Number(m[1]) * 1024 : null;
}

const read = (path: string): string | null => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    // Gone meanwhile, or not ours to read.
    return null;
  }
};

function pids(): number[] {
  return readdirSync("/proc")
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
}

export interface TaskProcess {
  pid: number;
  allocId: string;
  task: string;
}

/** Every live process started as a task of one of `allocIds` (the task itself: its executor shim has an empty environment). */
export function taskProcesses(allocIds: readonly string[]): TaskProcess[] {
  const wanted = new Set(allocIds);
  const found: TaskProcess[] = [];
  for (const pid of pids()) {
    const text = read(`/proc/${pid}/environ`);
    if (text === null || !text.includes("NOMAD_ALLOC_ID=")) continue;
    const env = parseEnviron(text);
    const allocId = env["NOMAD_ALLOC_ID"];
    const task = env["NOMAD_TASK_NAME"];
    if (allocId !== undefined && task !== undefined && wanted.has(allocId) && alive(pid)) found.push({ pid, allocId, task });
  }
  return found.sort((a, b) => a.pid - b.pid);
}

/** The one process of `task` in `allocId`; throws when there is none or more than one. */
export function taskPid(allocId: string, task: string): number {
  const found = taskProcesses([allocId]).filter((p) => p.task === task);
  if (found.length !== 1) throw new ResilienceError(ResilienceErrorCode.ProcessNotFound, `${found.length} processes of task ${task} in allocation ${allocId}`);
  return found[0]!.pid;
}

/** The dev agent serving `dataDir` (its command line names the data directory). */
export function agentPid(dataDir: string): number {
  for (const pid of pids()) {
    const text = read(`/proc/${pid}/cmdline`);
    if (text === null) continue;
    const args = splitNul(text);
    const at = args.indexOf("--data-dir");
    if (args.some((a) => a.endsWith("nomad/dev-agent/dist/main.js")) && at !== -1 && args[at + 1] === dataDir && alive(pid)) return pid;
  }
  throw new ResilienceError(ResilienceErrorCode.ProcessNotFound, `no dev agent with --data-dir ${dataDir}`);
}

/** Resident memory of `pid` in bytes. */
export function rssBytes(pid: number): number {
  const rss = parseRss(read(`/proc/${pid}/status`) ?? "");
  if (rss === null) throw new ResilienceError(ResilienceErrorCode.ProcessNotFound, `process ${pid} is gone`);
  return rss;
}

/** A zombie (killed, not yet reaped by its shim) counts as gone. */
export function alive(pid: number): boolean {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === null) return false;
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state !== "Z" && state !== "X";
}
