/**
 * @module proc: process identity on Linux. A pid alone can be reused after a process dies, so a
 * process is identified by (pid, start time in clock ticks since boot, field 22 of /proc/<pid>/stat).
 */
import { readFileSync } from "node:fs";

/** Start time of `pid` in clock ticks since boot, or null when the process does not exist. */
export function procStartTime(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces or ')'.
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // rest[0] is field 3 (state); field 22 is rest[19]. A zombie is as good as gone.
  if (rest[0] === "Z" || rest[0] === "X") return null;
  const ticks = Number(rest[19]);
  return Number.isFinite(ticks) ? ticks : null;
}

export interface ProcessIdentity {
  pid: number;
  startTime: number | null;
}

/** True only when `pid` is alive AND started at the recorded time (so never a reused pid). */
export function isSameProcess(id: ProcessIdentity): boolean {
  if (id.startTime === null) return false;
  return procStartTime(id.pid) === id.startTime;
}

/** Signals a whole process group; false when the group is already gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
