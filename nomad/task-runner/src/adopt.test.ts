import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { waitFor } from "@forex-mesh/test-utils";
import { AllocRunner } from "./alloc-runner.js";
import { initialTaskState } from "./events.js";
import { procStartTime } from "./proc.js";
import { TaskRunner } from "./task-runner.js";
import { fixtureTask, HOST_ENV, killGroups, tempAlloc } from "./test/helpers.js";
import type { TaskState } from "./types.js";

const AGENT = fileURLToPath(new URL("./fixtures/agent.ts", import.meta.url));
const pids: Array<number | null | undefined> = [];
after(() => killGroups(pids));

test("after the agent is killed -9, a new runner adopts the same process; logs kept flowing; stop still works", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const tasks = [fixtureTask("web", ["--tick", "100", "--on-signal"])];
  const agent = spawn(process.execPath, ["--import", "tsx", "--conditions=@forex-mesh/source", AGENT, JSON.stringify({ alloc, tasks })], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  t.after(() => agent.kill("SIGKILL"));
  let out = "";
  agent.stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  const first = await waitFor("agent running the task", () => {
    const line = out.split("\n").find((l) => l.includes('"pid":'));
    return line ? (JSON.parse(line) as { states: Record<string, TaskState>; pid: number }) : undefined;
  });
  pids.push(first.pid);
  const taskStart = procStartTime(first.pid);
  agent.kill("SIGKILL");
  await once(agent, "exit");

  const logFile = join(alloc.AllocDir, "alloc/logs/web.stdout.0");
  const sizeAfterCrash = statSync(logFile).size;
  await waitFor("log grows while no agent runs", () => statSync(logFile).size > sizeAfterCrash + 20);
  assert.equal(procStartTime(first.pid), taskStart, "the task survived the agent");

  const runner = new AllocRunner({ alloc, tasks, taskOptions: { hostEnv: HOST_ENV, pollMs: 50 } });
  const report = await runner.adopt(first.states);
  assert.deepEqual(report, { adopted: ["web"], exited: [], lost: [] });
  assert.equal(runner.task("web")?.pid, first.pid, "same process, not a second copy");
  assert.equal(runner.status.ClientStatus, "running");
  const final = await runner.stop();
  assert.equal(final.ClientStatus, "complete");
  const web = runner.taskStates.web;
  assert.deepEqual(
    web?.Events.map((e) => e.Type),
    ["Received", "Task Setup", "Started", "Killing", "Terminated", "Killed"],
  );
  assert.equal(procStartTime(first.pid), null, "the adopted process is gone after stop");
});

test("a dead or reused pid is never adopted: the alloc is reported lost", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const tasks = [fixtureTask("web", [])];
  const runnerDir = join(alloc.AllocDir, "web", ".runner");
  mkdirSync(runnerDir, { recursive: true });
  // Our own pid with another start time stands for a pid the kernel has reused.
  const reused = { pid: process.pid, startTime: (procStartTime(process.pid) ?? 0) + 1 };
  writeFileSync(join(runnerDir, "handle.json"), JSON.stringify({ shim: reused, task: reused, startedAtMs: Date.now() }));
  const running: TaskState = { ...initialTaskState(), State: "running" };
  const runner = new AllocRunner({ alloc, tasks, taskOptions: { hostEnv: HOST_ENV } });
  const report = await runner.adopt({ web: running });
  assert.deepEqual(report, { adopted: [], exited: [], lost: ["web"] });
  assert.equal(runner.status.ClientStatus, "lost");
  assert.equal(runner.taskStates.web?.State, "dead");
  assert.equal(runner.taskStates.web?.Failed, true);
  assert.equal((await runner.done).ClientStatus, "lost");
  assert.ok(procStartTime(process.pid) !== null, "the unrelated process was not signalled");
});

test("a run that ended while the agent was away is handled from its exit record (restart policy applies)", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const task = fixtureTask("job", ["--exit", "0"], { Lifecycle: { Hook: "prestart", Sidecar: false } });
  const first = new TaskRunner({ alloc, task, hostEnv: HOST_ENV });
  first.start();
  await first.done;
  const running: TaskState = { ...initialTaskState(), State: "running" };
  // The second runner knows only the files: the earlier run's handle and exit record.
  const second = new TaskRunner({ alloc, task, hostEnv: HOST_ENV, pollMs: 20 });
  const { adoptTask } = await import("./adopt.js");
  const outcome = adoptTask(alloc.AllocDir, "job", running);
  assert.equal(outcome.kind, "resume");
  assert.ok(outcome.kind === "resume" && outcome.exited);
  if (outcome.kind === "resume") second.resume(outcome.handle, running);
  const final = await second.done;
  assert.equal(final.State, "dead");
  assert.equal(final.Failed, false);
  assert.equal(final.Events.at(-1)?.Type, "Terminated");
  rmSync(join(alloc.AllocDir, "job", ".runner", "exit.json"));
  assert.equal(adoptTask(alloc.AllocDir, "job", running).kind, "lost", "no exit record and no process: lost");
});
