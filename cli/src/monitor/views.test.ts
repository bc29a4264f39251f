import assert from "node:assert/strict";
import { test } from "node:test";
import { allocs, canaryDeployment, firstDeployment, NOW_MS, pendingEval } from "../fixtures/api.js";
import { deploymentBlock, deploymentHeadline } from "./deployment-view.js";
import { evalDone, evalFinished, evalStep, initialEvalState } from "./eval-view.js";
import { bufferOutput, LiveBlock } from "./output.js";

test("eval monitor prints each fact once: trigger, deployment, allocations, status change", () => {
  let s = initialEvalState();
  let r = evalStep(s, pendingEval, [], NOW_MS);
  assert.deepEqual(r.lines, ['    2026-08-21T10:05:00Z: Evaluation triggered by job "forex-web"']);
  s = r.state;
  r = evalStep(s, { ...pendingEval, Status: "complete", DeploymentID: "0b23b149-1111" }, allocs, NOW_MS + 1000);
  assert.deepEqual(r.lines, [
    '    2026-08-21T10:05:01Z: Evaluation within deployment: "0b23b149"',
    '    2026-08-21T10:05:01Z: Allocation "8ba85cef" created: node "171a583b", group "web"',
    '    2026-08-21T10:05:01Z: Allocation "9c0d1e2f" created: node "171a583b", group "web"',
    '    2026-08-21T10:05:01Z: Evaluation status changed: "pending" -> "complete"',
  ]);
  r = evalStep(r.state, { ...pendingEval, Status: "complete", DeploymentID: "0b23b149-1111" }, allocs, NOW_MS + 2000);
  assert.deepEqual(r.lines, []);
  assert.equal(r.state.deploymentId, "0b23b149-1111");
});

test("stopped allocations are not announced as created", () => {
  const r = evalStep(initialEvalState(), pendingEval, [{ ...allocs[0]!, DesiredStatus: "stop" }], NOW_MS);
  assert.equal(r.lines.length, 1);
});

test("evalDone knows nomad's terminal statuses", () => {
  assert.deepEqual(["pending", "blocked", "complete", "failed", "canceled"].map(evalDone), [false, false, true, true, true]);
});

test("placement failures are listed per group", () => {
  const done = evalFinished(
    { ...pendingEval, Status: "complete", FailedTGAllocs: { web: { NodesEvaluated: 1, NodesExhausted: 1, CoalescedFailures: 1, DimensionExhausted: { "network: reserved port collision public=8080": 1 } } } },
    NOW_MS,
  );
  assert.equal(done.placementFailed, true);
  assert.deepEqual(done.lines, [
    '==> 2026-08-21T10:05:00Z: Evaluation "e1f2a3b4" finished with status "complete" but failed to place all allocations:',
    '    Task Group "web" (failed to place 2 allocations):',
    "      * Resources exhausted on 1 nodes",
    '      * Dimension "network: reserved port collision public=8080" exhausted on 1 nodes',
  ]);
  assert.deepEqual(evalFinished({ ...pendingEval, Status: "complete" }, NOW_MS), {
    lines: ['==> 2026-08-21T10:05:00Z: Evaluation "e1f2a3b4" finished with status "complete"'],
    placementFailed: false,
  });
});

test("deployment headline per state", () => {
  assert.equal(deploymentHeadline({ ...firstDeployment, Status: "successful" }), '  ✓ Deployment "0b23b149" successful');
  assert.equal(deploymentHeadline({ ...firstDeployment, Status: "failed" }), '  ! Deployment "0b23b149" failed');
  assert.equal(deploymentHeadline(canaryDeployment), '  ◇ Deployment "6a1d7b6c" needs promotion: forex-mesh deployment promote 6a1d7b6c');
  assert.match(deploymentHeadline(firstDeployment), /Deployment "0b23b149" in progress\.\.\.$/);
});

test("the block's key ignores the clock and the spinner", () => {
  const a = deploymentBlock(firstDeployment, NOW_MS, false, 0);
  const b = deploymentBlock(firstDeployment, NOW_MS + 5000, false, 3);
  assert.equal(a.key, b.key);
  assert.notEqual(a.text, b.text);
  assert.notEqual(deploymentBlock({ ...firstDeployment, TaskGroups: { web: { DesiredTotal: 2, HealthyAllocs: 2 } } }, NOW_MS).key, a.key);
});

test("with -verbose the block lists the deployment's allocations with full ids", () => {
  const { text } = deploymentBlock(firstDeployment, NOW_MS, true, 0, allocs);
  assert.match(text, /\n {4}Allocations\n {4}ID +Node ID +Task Group/);
  assert.match(text, /\n {4}8ba85cef-aaaa-bbbb-cccc-ddddeeeeffff +171a583b-0000-0000-0000-000000000000 +web +0 +run +running/);
  assert.doesNotMatch(deploymentBlock(firstDeployment, NOW_MS).text, /Allocations/);
});

test("LiveBlock: a pipe gets a copy per change, a terminal gets the block redrawn", () => {
  const pipe = bufferOutput(false);
  const live = new LiveBlock(pipe);
  live.update("a 1\nb", "k1");
  live.update("a 2\nb", "k1");
  live.update("c", "k2");
  assert.equal(pipe.text(), "a 1\nb\nc\n");
  const tty = bufferOutput(true);
  const block = new LiveBlock(tty);
  block.update("a\nb", "k");
  block.update("c", "k");
  assert.equal(tty.text(), "a\nb\n\x1b[2F\x1b[Jc\n");
});
