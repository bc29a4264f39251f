import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type AllocHealthInput, allocHealth, HealthReason } from "./health.js";
import { group, S, T0 } from "./test/fixtures.js";
import { rfc3339 } from "./time.js";
import type { Task, TaskState } from "./types.js";

const tasks: Task[] = [
  ...group("web", 1, null).Tasks,
  { Name: "init", Lifecycle: { Hook: "prestart", Sidecar: false } },
  { Name: "cleanup", Lifecycle: { Hook: "poststop", Sidecar: false } },
];
const running = (ms: number): TaskState => ({ State: "running", Failed: false, StartedAt: rfc3339(ms) });
const done: TaskState = { State: "dead", Failed: false, StartedAt: rfc3339(T0), FinishedAt: rfc3339(T0 + 500) };
const states = (over: Record<string, TaskState> = {}) => ({ app: running(T0 + 1000), sidecar: running(T0 + 1000), init: done, ...over });

function input(over: Partial<AllocHealthInput>): AllocHealthInput {
  return {
    update: { HealthCheck: "checks", MinHealthyTime: 10 * S, HealthyDeadline: 60 * S },
    tasks,
    taskStates: states(),
    checks: [{ Status: "passing", sinceMs: T0 + 3000 }],
    trackingSinceMs: T0,
    nowMs: T0 + 13_000,
    ...over,
  };
}

describe("allocHealth", () => {
  const cases: Array<[string, Partial<AllocHealthInput>, boolean | null, string]> = [
    ["tasks running and checks passing for min_healthy_time", {}, true, HealthReason.Healthy],
    ["check passing for less than min_healthy_time", { nowMs: T0 + 12_999 }, null, HealthReason.Waiting],
    ["task_states ignores a critical check", { update: { HealthCheck: "task_states", MinHealthyTime: 10 * S, HealthyDeadline: 60 * S }, checks: [{ Status: "critical", sinceMs: T0 }], nowMs: T0 + 11_000 }, true, HealthReason.HealthyTasks],
    ["critical check before the deadline", { checks: [{ Status: "critical", sinceMs: T0 }] }, null, HealthReason.Waiting],
    ["critical check at the deadline", { checks: [{ Status: "critical", sinceMs: T0 }], nowMs: T0 + 60_000 }, false, HealthReason.ChecksNotHealthy],
    ["task never started by the deadline", { taskStates: states({ app: { State: "pending", Failed: false } }), nowMs: T0 + 60_000 }, false, HealthReason.TasksNotRunning],
    ["prestart task still running gates health", { taskStates: states({ init: running(T0) }) }, null, HealthReason.Waiting],
    ["a failed task is unhealthy at once", { taskStates: states({ sidecar: { State: "dead", Failed: true } }), nowMs: T0 + 2000 }, false, HealthReason.TaskFailed],
    ["a main task that exited is unhealthy", { taskStates: states({ app: { State: "dead", Failed: false } }) }, false, HealthReason.TaskFailed],
    ["poststop tasks are ignored", { taskStates: states({ cleanup: { State: "pending", Failed: false } }) }, true, HealthReason.Healthy],
    ["healthy streak not reached by the deadline", { checks: [{ Status: "passing", sinceMs: T0 + 55_000 }], nowMs: T0 + 60_000 }, false, HealthReason.MinHealthyTime],
    ["manual never decides", { update: { HealthCheck: "manual", MinHealthyTime: 0, HealthyDeadline: 0 }, nowMs: T0 + 10 * 60_000 }, null, HealthReason.Manual],
    ["no checks registered: tasks alone", { checks: [], nowMs: T0 + 11_000 }, true, HealthReason.Healthy],
  ];
  for (const [name, over, healthy, reason] of cases) {
    it(name, () => {
      const h = allocHealth(input(over));
      assert.equal(h.healthy, healthy);
      assert.equal(h.reason, reason);
    });
  }

  it("says when to look again: the end of min_healthy_time, else the deadline", () => {
    assert.equal(allocHealth(input({ nowMs: T0 + 5000 })).recheckAtMs, T0 + 13_000);
    assert.equal(allocHealth(input({ checks: [{ Status: "critical", sinceMs: T0 }] })).recheckAtMs, T0 + 60_000);
    assert.equal(allocHealth(input({})).recheckAtMs, null);
  });
});
