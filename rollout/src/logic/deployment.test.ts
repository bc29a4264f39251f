import assert from "node:assert/strict";
import { test } from "node:test";
import { deploymentActive, deploymentEnded, toDeploymentHealth } from "./deployment.js";

test("canary counts sum over the groups that have canaries; healthy is capped at desired", () => {
  const d = toDeploymentHealth(
    {
      ID: "abc",
      JobVersion: 3,
      Status: "running",
      StatusDescription: "Deployment is running but requires manual promotion",
      TaskGroups: {
        rate: { DesiredCanaries: 2, HealthyAllocs: 1, Promoted: false },
        other: { DesiredCanaries: 0, HealthyAllocs: 5, Promoted: false },
      },
    },
    "v2",
  );
  assert.deepEqual(d, {
    id: "abc",
    version: "v2",
    status: "running",
    description: "Deployment is running but requires manual promotion",
    desiredCanaries: 2,
    healthyCanaries: 1,
    promoted: false,
  });
});

test("promoted only when every canary group is", () => {
  const doc = { ID: "x", Status: "running", TaskGroups: { a: { DesiredCanaries: 1, Promoted: true }, b: { DesiredCanaries: 1, Promoted: false } } };
  assert.equal(toDeploymentHealth(doc, "v2")?.promoted, false);
  doc.TaskGroups.b.Promoted = true;
  assert.equal(toDeploymentHealth(doc, "v2")?.promoted, true);
});

test("no deployment, or one without an ID, is null", () => {
  assert.equal(toDeploymentHealth(null, null), null);
  assert.equal(toDeploymentHealth({ Status: "running" }, null), null);
});

test("active and ended statuses", () => {
  const d = (status: string) => toDeploymentHealth({ ID: "x", Status: status }, null)!;
  assert.equal(deploymentActive(d("running")), true);
  assert.equal(deploymentActive(d("paused")), true);
  assert.equal(deploymentActive(d("failed")), false);
  assert.equal(deploymentEnded(d("successful")), true);
  assert.equal(deploymentEnded(d("running")), false);
});
