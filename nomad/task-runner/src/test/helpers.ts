/** Shared fixtures for the runner's tests: a temp alloc dir, task specs running the fixture script. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { signalGroup } from "../proc.js";
import type { AllocContext, TaskSpec } from "../types.js";

export const FIXTURE = fileURLToPath(new URL("../fixtures/task.mjs", import.meta.url));

export function tempAlloc(overrides: Partial<AllocContext> = {}): { alloc: AllocContext; cleanup: () => void } {
  const dataDir = mkdtempSync(join(tmpdir(), "task-runner-"));
  const AllocID = "3f2c8a1e-1111-2222-3333-444455556666";
  const alloc: AllocContext = {
    AllocID,
    AllocName: "web.api[2]",
    JobID: "web",
    JobType: "service",
    TaskGroup: "api",
    Namespace: "default",
    Region: "global",
    Datacenter: "dc1",
    AllocDir: join(dataDir, "alloc", AllocID),
    ...overrides,
  };
  return { alloc, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** A raw_exec task running the fixture with `args`; fast restart policy unless overridden. */
export function fixtureTask(name: string, args: string[], overrides: Partial<TaskSpec> = {}): TaskSpec {
  return {
    Name: name,
    Driver: "raw_exec",
    Config: { command: process.execPath, args: [FIXTURE, ...args] },
    KillTimeout: 2e9,
    RestartPolicy: { Attempts: 0, Interval: 60e9, Delay: 50e6, Mode: "fail" },
    LogConfig: { MaxFiles: 10, MaxFileSizeMB: 10 },
    ...overrides,
  };
}

export const HOST_ENV = { PATH: process.env.PATH, HOME: process.env.HOME };

export function readLog(alloc: AllocContext, file: string): string {
  try {
    return readFileSync(join(alloc.AllocDir, "alloc", "logs", file), "utf8");
  } catch {
    return "";
  }
}

/** Last-resort cleanup so a failing test never leaves a process group behind. */
export function killGroups(pids: Array<number | null | undefined>): void {
  for (const pid of pids) if (pid) signalGroup(pid, "SIGKILL");
}
