import assert from "node:assert/strict";
import { after, test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { AllocRunner, type AllocUpdate } from "./alloc-runner.js";
import { fixtureTask, HOST_ENV, killGroups, readLog, tempAlloc } from "./test/helpers.js";
import type { TaskState } from "./types.js";

const pids: Array<number | null | undefined> = [];
after(() => killGroups(pids));

const time = (state: TaskState | undefined, type: string): number => {
  const event = state?.Events.find((e) => e.Type === type);
  assert.ok(event, `event ${type} in ${state?.Events.map((e) => e.Type).join(",")}`);
  return event.Time;
};

test("prestart runs to success and the prestart sidecar runs before main; stop kills main, then sidecar, then poststop runs", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const updates: AllocUpdate[] = [];
  const runner = new AllocRunner({
    alloc,
    tasks: [
      fixtureTask("main", ["--on-signal"]),
      fixtureTask("init", ["--exit", "0"], { Lifecycle: { Hook: "prestart", Sidecar: false } }),
      fixtureTask("proxy", ["--on-signal"], { Lifecycle: { Hook: "prestart", Sidecar: true } }),
      fixtureTask("cleanup", ["--exit", "0"], { Lifecycle: { Hook: "poststop", Sidecar: false } }),
      fixtureTask("announce", ["--exit", "0"], { Lifecycle: { Hook: "poststart", Sidecar: false } }),
    ],
    taskOptions: { hostEnv: HOST_ENV },
    onUpdate: (u) => updates.push(u),
  });
  t.after(() => runner.stop());
  runner.start();
  assert.equal(runner.status.ClientStatus, "pending");
  await waitFor("main running", () => runner.taskStates.main?.State === "running");
  pids.push(runner.task("main")?.pid, runner.task("proxy")?.pid);
  const s = runner.taskStates;
  assert.equal(s.init?.State, "dead");
  assert.equal(s.init?.Failed, false);
  assert.equal(s.proxy?.State, "running");
  assert.equal(s.main?.State, "running");
  assert.equal(s.cleanup?.State, "pending");
  assert.ok(time(s.main, "Started") >= time(s.init, "Terminated"), "main starts after the prestart task exited");
  assert.ok(time(s.main, "Started") >= time(s.proxy, "Started"), "main starts after the sidecar runs");
  assert.equal(runner.status.ClientDescription, "Tasks are running");
  await waitFor("poststart done", () => runner.taskStates.announce?.State === "dead");
  assert.ok(time(runner.taskStates.announce, "Started") >= time(runner.taskStates.main, "Started"), "poststart after main runs");
  assert.equal(runner.taskStates.announce?.Failed, false);
  assert.ok(updates.some((u) => u.ClientStatus === "pending" && u.ClientDescription === "No tasks have started"));

  // Signal handlers are installed before "ready" is printed.
  await waitFor("tasks ready", () => readLog(alloc, "proxy.stdout.0").includes("ready") && readLog(alloc, "main.stdout.0").includes("ready"));
  const final = await runner.stop();
  assert.deepEqual(final, { ClientStatus: "complete", ClientDescription: "All tasks have completed" });
  const f = runner.taskStates;
  assert.ok(time(f.main, "Killed") <= time(f.proxy, "Killing"), "main is killed before the sidecar");
  assert.ok(time(f.cleanup, "Started") >= time(f.proxy, "Killed"), "poststop runs after the others are dead");
  assert.equal(f.cleanup?.State, "dead");
  assert.equal(readLog(alloc, "cleanup.stdout.0"), "ready\n");
  assert.match(readLog(alloc, "proxy.stdout.0"), /got SIGINT/);
});

test("a failing prestart task fails the alloc: main never starts, the sidecar is killed as a sibling", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const runner = new AllocRunner({
    alloc,
    tasks: [
      fixtureTask("main", []),
      fixtureTask("migrate", ["--exit", "4"], { Lifecycle: { Hook: "prestart", Sidecar: false } }),
      fixtureTask("proxy", [], { Lifecycle: { Hook: "prestart", Sidecar: true } }),
    ],
    taskOptions: { hostEnv: HOST_ENV },
  });
  runner.start();
  const final = await runner.done;
  assert.deepEqual(final, { ClientStatus: "failed", ClientDescription: "Failed tasks" });
  const s = runner.taskStates;
  assert.equal(s.migrate?.Failed, true);
  assert.equal(s.main?.State, "dead");
  assert.equal(s.main?.Events.some((e) => e.Type === "Started"), false, "main never started");
  assert.ok(s.main?.Events.some((e) => e.Type === "Sibling Task Failed"), "the pending main task records why it will not run");
  assert.equal(s.proxy?.State, "dead");
  const sibling = s.proxy?.Events.find((e) => e.Type === "Sibling Task Failed");
  assert.equal(sibling?.DisplayMessage, `Task's sibling "migrate" failed`);
});

test("a main task failing for good kills its siblings and fails the alloc", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const runner = new AllocRunner({
    alloc,
    tasks: [
      fixtureTask("api", ["--exit", "1"], { RestartPolicy: { Attempts: 1, Interval: 60e9, Delay: 20e6, Mode: "fail" } }),
      fixtureTask("worker", []),
      fixtureTask("proxy", [], { Lifecycle: { Hook: "prestart", Sidecar: true } }),
    ],
    taskOptions: { hostEnv: HOST_ENV },
  });
  runner.start();
  const final = await runner.done;
  assert.equal(final.ClientStatus, "failed");
  const s = runner.taskStates;
  assert.equal(s.api?.Restarts, 1);
  assert.equal(s.api?.Failed, true);
  for (const name of ["worker", "proxy"] as const) {
    assert.equal(s[name]?.State, "dead");
    assert.ok(s[name]?.Events.some((e) => e.Type === "Sibling Task Failed" && e.FailedSibling === "api"));
    assert.ok(s[name]?.Events.some((e) => e.Type === "Killed"));
  }
});

test("batch: when the main task completes, sidecars are stopped and the alloc is complete", async (t) => {
  const { alloc, cleanup } = tempAlloc({ JobType: "batch" });
  t.after(cleanup);
  const runner = new AllocRunner({
    alloc,
    tasks: [fixtureTask("report", ["--exit", "0"]), fixtureTask("proxy", [], { Lifecycle: { Hook: "prestart", Sidecar: true } })],
    taskOptions: { hostEnv: HOST_ENV },
  });
  runner.start();
  const final = await runner.done;
  assert.deepEqual(final, { ClientStatus: "complete", ClientDescription: "All tasks have completed" });
  const s = runner.taskStates;
  assert.equal(s.report?.Restarts, 0, "a batch task is not restarted after exit 0");
  assert.ok(s.proxy?.Events.some((e) => e.Type === "Killed"));
  assert.equal(s.proxy?.Events.find((e) => e.Type === "Main Tasks Dead")?.DisplayMessage, "Main tasks in the group died");
  assert.equal(s.proxy?.Failed, false);
});
