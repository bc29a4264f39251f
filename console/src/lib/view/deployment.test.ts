import assert from "node:assert/strict";
import { test } from "node:test";
import { toDeploymentView } from "./deployment";

const instances = [
  { version: "v1", canary: false, passing: true },
  { version: "v1", canary: false, passing: true },
  { version: "v2", canary: true, passing: true },
  { version: "v2", canary: true, passing: true },
];
const running = { ID: "d1", JobVersion: 1, Status: "running", StatusDescription: "Deployment is running but requires manual promotion", TaskGroups: { rate: { Promoted: false, DesiredCanaries: 2, PlacedCanaries: ["a", "b"], HealthyAllocs: 2, UnhealthyAllocs: 0, DesiredTotal: 2 } } };

test("a running deployment with healthy canaries can be promoted or rolled back", () => {
  const view = toDeploymentView(running, instances)!;
  assert.deepEqual(
    { ...view, description: undefined },
    { id: "d1", jobVersion: 1, status: "running", description: undefined, canaries: { desired: 2, placed: 2 }, healthy: 2, unhealthy: 0, promoted: false, newVersion: "v2", stableVersion: "v1", canPromote: true, canRollBack: true },
  );
});

test("canaries not yet healthy cannot be promoted, but can be rolled back", () => {
  const view = toDeploymentView(running, instances.map((i) => (i.canary ? { ...i, passing: false } : i)))!;
  assert.equal(view.canPromote, false);
  assert.equal(view.canRollBack, true);
});

test("a finished or promoted deployment offers nothing; no deployment is null", () => {
  assert.equal(toDeploymentView({ ...running, Status: "successful" }, instances)?.canPromote, false);
  assert.equal(toDeploymentView({ ...running, Status: "successful" }, instances)?.canRollBack, false);
  const promoted = { ...running, TaskGroups: { rate: { ...running.TaskGroups.rate, Promoted: true } } };
  assert.equal(toDeploymentView(promoted, instances)?.canPromote, false);
  assert.equal(toDeploymentView(null, instances), null);
  assert.equal(toDeploymentView({}, instances), null);
});
