// Issue 8, resilience scenario 6: a canary with a 20% error ratio under an automated rollout is
// rolled back before its weight passes 25%. Under steady load through the edge, forex-rate v2 is
// deployed as Nomad canaries the way a user does (`forex-mesh job run -var version=v2`), the
// sidecar fault key gives v2 a 20% error ratio, and a rollout spec (steps 10/25/50/100) is written
// for the rollout controller that `up` runs (the forex-rollout job), which judges the canary on the
// real Prometheus scraping the real sidecars. Proven: the rollout ends rolled-back with a failing
// success-ratio verdict (the canaries' own counters show the 20% errors); no status event and no routing-history entry ever gave v2 more
// than 25%; v2 is back at 0% on every caller's sidecar; the canary deployment failed.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { REPO_ROOT, startSystem, type System } from "@forex-mesh/e2e";
import { type RolloutStatus, parseRolloutStatus, rolloutSpecKey, rolloutStatusKey } from "@forex-mesh/rollout";
import { faultKey, historyKey, parseRoutingHistory } from "@forex-mesh/routing";
import { waitFor } from "@forex-mesh/test-utils";
import { fetchGet, timedLoad } from "./load.js";
import { instances, kvAll, kvPut, sidecarUpstream } from "./mesh.js";
import { LOAD_PATH, meshReady, report } from "./scenario.js";
import { summarize } from "./stats.js";

const RPS = 20;
const STEP_SECONDS = 15;
const MAX_WEIGHT = 25;
const ERROR_RATIO = 0.2;

let system: System;
before(async () => {
  system = await startSystem();
});
after(async () => {
  await system?.stop();
});

async function kvText(key: string): Promise<string | undefined> {
  return (await kvAll(system.consulAddr)).find((e) => e.key === key)?.value;
}

async function rolloutStatus(): Promise<RolloutStatus | undefined> {
  const text = await kvText(rolloutStatusKey("forex-rate"));
  if (text === undefined) return undefined;
  const parsed = parseRolloutStatus(text);
  assert.ok(parsed.ok, `the controller wrote a status that does not parse: ${text}`);
  return parsed.value;
}

test("a canary with 20% errors under an automated rollout is rolled back before its weight passes 25%", { timeout: 200_000 }, async (t) => {
  await meshReady(system);
  const stopLoad = new AbortController();
  const loading = timedLoad({ send: fetchGet(`${system.edgeUrl}${LOAD_PATH}`), rps: RPS, durationMs: 150_000, signal: stopLoad.signal });
  try {
    const expiresAt = new Date(Date.now() + 10 * 60_000).toISOString();
    await kvPut(system.consulAddr, faultKey("forex-rate"), JSON.stringify({ faults: [{ version: "v2", latencyMs: 0, errorRatio: ERROR_RATIO, expiresAt }] }));
    // v2 as canaries, as README's rollout by hand does it (the CLI parses the job file here).
    await promisify(execFile)(
      process.execPath,
      [join(REPO_ROOT, "cli/dist/main.js"), "job", "run", "-detach", "-var", `repo=${REPO_ROOT}`, "-var", `consul_addr=${system.consulAddr}`, "-var", "version=v2", join(REPO_ROOT, "nomad/jobs/forex-rate.nomad.hcl")],
      { env: { ...process.env, NOMAD_ADDR: system.nomadAddr }, timeout: 30_000 },
    );
    const id = `r-${randomBytes(4).toString("hex")}`;
    const spec = { id, service: "forex-rate", job: "forex-rate", canary: "v2", stable: "v1", steps: [10, 25, 50, 100], stepSeconds: STEP_SECONDS, createdAt: new Date().toISOString(), createdBy: "resilience" };
    await kvPut(system.consulAddr, rolloutSpecKey("forex-rate"), JSON.stringify(spec), { cas: 0 });
    const startedAt = Date.now();

    // Follow the status as the console would; remember the highest weight it ever showed.
    let maxSeen = 0;
    const final = await waitFor(
      "the rollout to end",
      async () => {
        const status = await rolloutStatus();
        if (status?.id !== id) return undefined;
        maxSeen = Math.max(maxSeen, status.weight);
        return ["succeeded", "rolled-back", "aborted"].includes(status.phase) ? status : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 200 },
    );
    const endedAt = Date.now();
    stopLoad.abort();
    const { samples } = await loading;

    const verdict = final.events.find((e) => e.kind === "verdict" && e.outcome === "fail");
    const ratio = verdict?.gates?.find((g) => g.name === "success_ratio");
    const history = parseRoutingHistory((await kvText(historyKey("forex-rate"))) ?? '{"entries":[]}');
    assert.ok(history.ok, "the routing history parses");
    const historyWeights = history.value.entries.map((e) => e.split.find((s) => s.version === "v2")?.weight ?? 0);
    const deployments = (await system.nomad.jobs.deployments("forex-rate")).data;
    const byClass = await system.prometheus.query('sum by (code_class) (max_over_time(proxy_requests_total{direction="inbound",service="forex-rate",dst_version="v2"}[5m]))');
    const count = (match: (c: string) => boolean) => byClass.filter((r) => match(r.metric.code_class ?? "")).reduce((n, r) => n + Number(r.value[1]), 0);
    const truth = { requests: count(() => true), success: count((c) => c !== "5xx" && c !== "error") / Math.max(1, count(() => true)) };
    report(
      t,
      "canary 20% errors",
      summarize(samples),
      `rollout ${final.phase} ${((endedAt - startedAt) / 1000).toFixed(0)} s after the spec, at step ${final.step} (max weight seen ${maxSeen}%, history ${historyWeights.join("→")}); verdict: canary success ${ratio?.canary} < ${ratio?.threshold} (the canaries' own counters: ${truth.success.toFixed(3)} of ${truth.requests})`,
    );
    for (const e of final.events) t.diagnostic(`  ${e.at} ${e.kind}${e.outcome ? ` ${e.outcome}` : ""} step ${e.step} weight ${e.weight}: ${e.message}`);

    assert.equal(final.phase, "rolled-back", final.message);
    assert.ok(ratio && ratio.pass === false && ratio.canary !== null, `a failing success_ratio gate: ${JSON.stringify(verdict)}`);
    // The fault was real: the canaries' own counters (each series' last value, as Prometheus
    // scraped it: a canary's counters start at 0) show about 20% errors.
    // Within 4 binomial standard deviations of 20% errors (a few dozen requests: a fixed ±0.1 would
    // fail about one run in twenty by chance alone).
    assert.ok(truth.requests >= 30, `the canaries answered ${truth.requests} requests`);
    const sigma = Math.sqrt((ERROR_RATIO * (1 - ERROR_RATIO)) / truth.requests);
    assert.ok(Math.abs(1 - truth.success - ERROR_RATIO) <= 4 * sigma, `the canaries' error ratio ${(1 - truth.success).toFixed(3)} over ${truth.requests} requests is not ${ERROR_RATIO} ± ${(4 * sigma).toFixed(3)}`);
    const eventWeights = final.events.map((e) => e.weight);
    assert.ok(Math.max(maxSeen, ...eventWeights, ...historyWeights) <= MAX_WEIGHT, `v2 got more than ${MAX_WEIGHT}%: status ${maxSeen}, events ${eventWeights}, history ${historyWeights}`);
    assert.ok(historyWeights.length >= 2 && historyWeights.at(-1) === 0, `the history ends with v2 at 0%: ${historyWeights}`);
    // Every caller of forex-rate sends v2 nothing now, and the canary deployment failed.
    const callers = [...(await instances(system.consulAddr, "forex-web")), ...(await instances(system.consulAddr, "forex-converter"))];
    await waitFor("every caller at 0% for v2", async () =>
      (await Promise.all(callers.map((c) => sidecarUpstream(c.adminPort, "forex-rate")))).every((u) => {
        const v2 = (u.table as { split?: Array<{ version: string; weight: number }> } | null)?.split?.find((s) => s.version === "v2");
        return v2 === undefined || v2.weight === 0;
      }),
    );
    assert.ok(
      deployments.some((d) => d.Status === "failed"),
      `a failed deployment: ${JSON.stringify(deployments.map((d) => [d.JobVersion, d.Status]))}`,
    );
  } finally {
    stopLoad.abort();
    await loading;
  }
});
