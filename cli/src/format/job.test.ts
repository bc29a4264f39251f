import assert from "node:assert/strict";
import { test } from "node:test";
import { allocs, canaryDeployment, firstDeployment, job, jobList, NOW_MS, summary } from "../fixtures/api.js";
import { deploymentDone, deploymentGroupsTable, deploymentStatusText, needsPromotion } from "./deployment.js";
import { allocationsTable, jobListText, jobStatusText } from "./job.js";

test("job list: sorted by ID, (stopped) marked, submit date", () => {
  assert.equal(
    jobListText(jobList),
    [
      "ID          Type     Priority  Status          Submit Date",
      "forex-rate  service  50        dead (stopped)  2026-08-21T09:00:00Z",
      "forex-web   service  50        running         2026-08-21T10:00:00Z",
    ].join("\n"),
  );
  assert.equal(jobListText([]), "No running jobs");
});

test("deployment groups: canary columns only when a group has canaries", () => {
  assert.equal(
    deploymentGroupsTable(canaryDeployment),
    [
      "Task Group  Auto Revert  Promoted  Desired  Canaries  Placed  Healthy  Unhealthy  Progress Deadline",
      "web         true         false     2        2         2       2        0          2026-08-21T10:08:00Z",
    ].join("\n"),
  );
  assert.equal(
    deploymentGroupsTable(firstDeployment),
    ["Task Group  Desired  Placed  Healthy  Unhealthy  Progress Deadline", "web         2        2       1        0          N/A"].join("\n"),
  );
});

test("deployment status text and its states", () => {
  const text = deploymentStatusText(canaryDeployment);
  assert.match(text, /^ID {10}= 6a1d7b6c\nJob ID {6}= forex-web\nJob Version = 1\nStatus {6}= running\nDescription = Deployment is running but requires manual promotion\n\nDeployed\n/);
  assert.match(deploymentStatusText(canaryDeployment, true), /ID {10}= 6a1d7b6c-0f1e-4d2c-9b8a-7c6d5e4f3a2b/);
  assert.equal(needsPromotion(canaryDeployment), true);
  assert.equal(needsPromotion(firstDeployment), false);
  // The description says so from the start; only healthy canaries make it true.
  const web = canaryDeployment.TaskGroups!.web!;
  assert.equal(needsPromotion({ ...canaryDeployment, TaskGroups: { web: { ...web, HealthyAllocs: 1 } } }), false);
  assert.equal(needsPromotion({ ...canaryDeployment, TaskGroups: { web: { ...web, Promoted: true } } }), false);
  assert.equal(deploymentDone("successful"), true);
  assert.equal(deploymentDone("cancelled"), true);
  assert.equal(deploymentDone("running"), false);
});

test("allocations: newest first, short ids, relative times", () => {
  assert.equal(
    allocationsTable(allocs, NOW_MS),
    [
      "ID        Node ID   Task Group  Version  Desired  Status   Created   Modified",
      "9c0d1e2f  171a583b  web         1        run      pending  3s ago    1s ago",
      "8ba85cef  171a583b  web         0        run      running  5m2s ago  10s ago",
    ].join("\n"),
  );
  assert.equal(allocationsTable([], NOW_MS), "No allocations placed");
});

test("job status with a deployment has every section in nomad's order", () => {
  const text = jobStatusText({ job, summary, deployment: canaryDeployment, allocs, nowMs: NOW_MS });
  const sections = text.split("\n\n").map((s) => s.split("\n")[0]);
  assert.deepEqual(sections, ["ID            = forex-web", "Summary", "Latest Deployment", "Deployed", "Allocations"]);
  assert.match(text, /Status {8}= running\n/);
  assert.match(text, /web {9}0 {7}0 {9}4 {8}0 {7}0 {9}0 {5}0/);
  const noDeployment = jobStatusText({ job: { ...job, Stop: true, Status: "dead" }, summary, deployment: null, allocs: [], nowMs: NOW_MS });
  assert.doesNotMatch(noDeployment, /Latest Deployment/);
  assert.match(noDeployment, /Status {8}= dead \(stopped\)/);
  assert.match(noDeployment, /No allocations placed$/);
});
