/**
 * Which processes belong to a test's system: every process whose command line or working directory
 * mentions its data directory (the agent gets `--data-dir`, each task runs in its task directory).
 * Read from /proc, so it sees processes however they were started (process groups, re-parenting).
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

export function processesUsing(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      let cwd = "";
      try {
        cwd = readlinkSync(`/proc/${entry}/cwd`);
      } catch {
        // Not ours to read, or gone.
      }
      if (cmdline.includes(dir) || cwd.startsWith(dir)) pids.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return pids;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
