// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Nomad interpolations such as ${NOMAD_PORT_http} are literal text here.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { waitFor } from "@forex-mesh/test-utils";
import { procStartTime } from "./proc.js";
import { TaskRunner } from "./task-runner.js";
import { fixtureTask, HOST_ENV, killGroups, readLog, tempAlloc } from "./test/helpers.js";

const pids: Array<number | null> = [];
after(() => killGroups(pids));

test("a started task sees the NOMAD_* env, the task dir as cwd, and its interpolated args", async (t) => {
  const { alloc, cleanup } = tempAlloc({
    Ports: [{ Label: "http", Value: 23456, HostIP: "127.0.0.1" }],
    JobMeta: { version: "v2" },
  });
  t.after(cleanup);
  const task = fixtureTask("server", ["--env", "--listen=${NOMAD_ADDR_http}"], {
    Env: { FOO_URL: "http://${NOMAD_ADDR_http}/x", FOO_VERSION: "${NOMAD_META_version}" },
  });
  const runner = new TaskRunner({ alloc, task, hostEnv: { ...HOST_ENV, VAULT_TOKEN: "s3cret" } });
  t.after(() => runner.kill());
  runner.start();
  pids.push(await waitFor("pid", () => runner.pid ?? undefined));
  const line = await waitFor("env line", () => readLog(alloc, "server.stdout.0").split("\n")[0] || undefined);
  const seen = JSON.parse(line) as { cwd: string; argv: string[]; env: Record<string, string>; secret: string | null };
  assert.equal(seen.cwd, `${alloc.AllocDir}/server`);
  assert.deepEqual(seen.argv, ["--env", "--listen=127.0.0.1:23456"]);
  assert.equal(seen.env.NOMAD_ALLOC_ID, alloc.AllocID);
  assert.equal(seen.env.NOMAD_ALLOC_INDEX, "2");
  assert.equal(seen.env.NOMAD_TASK_DIR, `${alloc.AllocDir}/server/local`);
  assert.equal(seen.env.NOMAD_ALLOC_DIR, `${alloc.AllocDir}/alloc`);
  assert.equal(seen.env.NOMAD_PORT_http, "23456");
  assert.equal(seen.env.FOO_URL, "http://127.0.0.1:23456/x");
  assert.equal(seen.env.FOO_VERSION, "v2");
  assert.equal(seen.secret, null, "credential variables from the host are not passed");
  assert.equal(runner.state.State, "running");
  assert.deepEqual(
    runner.state.Events.map((e) => e.Type),
    ["Received", "Task Setup", "Started"],
  );
  const final = await runner.kill();
  assert.equal(final.State, "dead");
  assert.equal(final.Failed, false);
  assert.deepEqual(
    final.Events.map((e) => e.Type),
    ["Received", "Task Setup", "Started", "Killing", "Terminated", "Killed"],
  );
  assert.equal(final.Events[4]?.Signal, 2, "default kill signal is SIGINT");
});

test("kill_timeout: a task ignoring SIGINT is SIGKILLed with its whole group after the timeout", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const task = fixtureTask("stubborn", ["--ignore-signals", "--spawn-child"], { KillTimeout: 600e6 });
  const runner = new TaskRunner({ alloc, task, hostEnv: HOST_ENV });
  t.after(() => runner.kill());
  runner.start();
  const pid = await waitFor("pid", () => runner.pid ?? undefined);
  pids.push(pid);
  const grandchild = Number(
    (await waitFor("grandchild", () => /grandchild (\d+)/.exec(readLog(alloc, "stubborn.stdout.0"))?.[1])) as string,
  );
  const started = Date.now();
  const final = await runner.kill();
  const took = Date.now() - started;
  assert.ok(took >= 550, `waited the kill timeout (${took} ms)`);
  assert.ok(took < 3000, `escalated promptly (${took} ms)`);
  const terminated = final.Events.find((e) => e.Type === "Terminated");
  assert.equal(terminated?.Signal, 9);
  assert.equal(terminated?.ExitCode, 137);
  assert.match(readLog(alloc, "stubborn.stdout.0"), /ignoring SIGINT/);
  await waitFor("grandchild gone", () => procStartTime(grandchild) === null);
});

test("kill_signal is honoured", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const runner = new TaskRunner({ alloc, task: fixtureTask("polite", ["--on-signal"], { KillSignal: "SIGTERM" }), hostEnv: HOST_ENV });
  t.after(() => runner.kill());
  runner.start();
  pids.push(await waitFor("ready", () => readLog(alloc, "polite.stdout.0").includes("ready") && runner.pid));
  await runner.kill();
  assert.match(readLog(alloc, "polite.stdout.0"), /got SIGTERM/);
});

test("a crashing task is restarted Attempts times, then fails with Not Restarting", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const task = fixtureTask("crashy", ["--exit", "3"], {
    RestartPolicy: { Attempts: 2, Interval: 60e9, Delay: 50e6, Mode: "fail" },
  });
  const types: string[] = [];
  const runner = new TaskRunner({ alloc, task, hostEnv: HOST_ENV, onUpdate: (_n, _s, e) => e && types.push(e.Type) });
  runner.start();
  const final = await runner.done;
  assert.equal(final.State, "dead");
  assert.equal(final.Failed, true);
  assert.equal(final.Restarts, 2);
  assert.notEqual(final.LastRestart, "0001-01-01T00:00:00Z");
  assert.equal(types.filter((t) => t === "Started").length, 3);
  assert.equal(types.filter((t) => t === "Restarting").length, 2);
  assert.equal(final.Events.find((e) => e.Type === "Restarting")?.DisplayMessage, "Restart within policy - Task restarting in 50ms");
  const last = final.Events.at(-1);
  assert.equal(last?.Type, "Not Restarting");
  assert.equal(last?.DisplayMessage, 'Exceeded allowed attempts 2 in interval 1m0s and mode is "fail"');
  const terminated = final.Events.find((e) => e.Type === "Terminated");
  assert.equal(terminated?.ExitCode, 3);
  assert.equal(terminated?.DisplayMessage, "Exit Code: 3");
  assert.equal(readLog(alloc, "crashy.stdout.0"), "ready\nready\nready\n", "restarts append to the same log");
});

test("a command that cannot start is a Driver Failure and the task fails", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const task = fixtureTask("missing", [], { Config: { command: "/nonexistent/binary", args: [] } });
  const runner = new TaskRunner({ alloc, task, hostEnv: HOST_ENV });
  runner.start();
  const final = await runner.done;
  assert.equal(final.Failed, true);
  const failure = final.Events.find((e) => e.Type === "Driver Failure");
  assert.match(failure?.DriverError ?? "", /ENOENT/);
  assert.equal(final.Events.at(-1)?.Type, "Not Restarting");
});

test('mode "delay": past Attempts the runner waits for the interval end, on the injected clock and sleep', async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  let clock = 1_000_000;
  const slept: number[] = [];
  const task = fixtureTask("flappy", ["--exit", "1"], {
    RestartPolicy: { Attempts: 1, Interval: 60e9, Delay: 2e9, Mode: "delay" },
  });
  const runner = new TaskRunner({
    alloc,
    task,
    hostEnv: HOST_ENV,
    now: () => clock,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms + 1;
      if (slept.length === 3) void runner.kill();
    },
  });
  runner.start();
  const final = await runner.done;
  assert.deepEqual(slept, [2000, 57_999, 2000], "Delay, then the rest of the 60 s window, then a new window");
  const restarting = final.Events.filter((e) => e.Type === "Restarting").map((e) => e.DisplayMessage);
  assert.deepEqual(restarting.slice(0, 2), [
    "Restart within policy - Task restarting in 2s",
    "Exceeded allowed attempts, applying a delay - Task restarting in 57.999s",
  ]);
  assert.equal(final.State, "dead");
  assert.equal(final.Failed, false, "stopped by the user, not failed");
  assert.equal(final.Events.at(-1)?.Type, "Killed");
});

test("a task name that would escape the alloc dir is a Setup Failure; nothing is created or run", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const runner = new TaskRunner({ alloc, task: fixtureTask("../escape", []), hostEnv: HOST_ENV });
  runner.start();
  const final = await runner.done;
  assert.equal(final.Failed, true);
  assert.equal(final.Events.at(-1)?.Type, "Setup Failure");
  assert.equal(existsSync(join(alloc.AllocDir, "..", "escape")), false);
  assert.equal(existsSync(alloc.AllocDir), false);
});

test("an injected decide that throws fails the task instead of leaving it half-alive", async (t) => {
  const { alloc, cleanup } = tempAlloc();
  t.after(cleanup);
  const runner = new TaskRunner({
    alloc,
    task: fixtureTask("boom", ["--exit", "2"]),
    hostEnv: HOST_ENV,
    decide: () => {
      throw new Error("policy store unavailable");
    },
  });
  runner.start();
  const final = await runner.done;
  assert.equal(final.State, "dead");
  assert.equal(final.Failed, true);
  assert.equal(final.Events.at(-1)?.DriverError, "task runner error: policy store unavailable");
});
