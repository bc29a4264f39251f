// Issue 8, resilience scenario 2: the Consul API down for 30 s under steady load through the edge
// fails no request. The dev agent serves Consul and Nomad from one process and has no switch to
// turn one API off, and `up` gives the jobs the agent's own Consul port, so "down" is SIGSTOP of
// the whole agent for 30 s: its port accepts connections (the kernel's backlog) and never answers,
// the harder outage for a client (a refused connection is noticed at once; a hang only by a
// timeout). Nomad's API is down too; the allocations are separate processes and keep serving.
// Proven: the Consul API did not answer during the pause, every proxy kept both endpoints of each
// upstream, no request failed (before, during or after the outage), and the mesh serves again.
// The seconds after SIGCONT once failed: the agent's HTTP checks reused keep-alive sockets the
// sidecars had closed meanwhile, so every instance went critical for ~2 s. The agent now opens a
// connection per probe, as Consul does (DisableKeepAlives).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { SCRAPED, startSystem, type System } from "@forex-mesh/e2e";
import { sleep } from "@forex-mesh/test-utils";
import { z } from "zod";
import { fetchGet, timedLoad } from "./load.js";
import { instances, sidecarUpstream } from "./mesh.js";
import { agentPid } from "./procs.js";
import { LOAD_PATH, meshReady, report } from "./scenario.js";
import { failuresByStatus, sentBetween, summarize } from "./stats.js";

const RPS = 20;
const PAUSE_AT_MS = 5_000;
const PAUSE_MS = 30_000;
const LOAD_MS = PAUSE_AT_MS + PAUSE_MS + 10_000;
/** Who calls whom (the edge and the sidecars with upstreams). */
const UPSTREAMS: Record<string, string[]> = { "forex-edge": ["forex-web"], "forex-web": ["forex-converter", "forex-rate"], "forex-converter": ["forex-rate"] };

let system: System;
let paused: number | undefined;
before(async () => {
  system = await startSystem();
});
after(async () => {
  // A failed assertion must not leave the agent stopped: `up` could not stop the jobs.
  if (paused !== undefined) process.kill(paused, "SIGCONT");
  await system?.stop();
});

/** Does the Consul API answer within `ms`? */
async function consulAnswers(ms: number): Promise<boolean> {
  try {
    return (await fetch(`${system.consulAddr}/v1/status/leader`, { signal: AbortSignal.timeout(ms) })).ok;
  } catch {
    return false;
  }
}

const checkEntry = z.object({ Checks: z.array(z.object({ CheckID: z.string(), Status: z.string(), Output: z.string().optional() })) });

async function criticalChecks(service: string): Promise<Array<{ id: string; output: string }>> {
  try {
    const res = await fetch(`${system.consulAddr}/v1/health/service/${service}`, { signal: AbortSignal.timeout(2_000) });
    const entries = z.array(checkEntry).parse(await res.json());
    return entries.flatMap((e) => e.Checks.filter((c) => c.Status !== "passing").map((c) => ({ id: c.CheckID, output: c.Output ?? "" })));
  } catch {
    return [];
  }
}

test("the Consul API down (agent stopped) for 30 s under load: no request sent meanwhile fails", { timeout: 150_000 }, async (t) => {
  await meshReady(system);
  const proxies = (await Promise.all(SCRAPED.filter((s) => UPSTREAMS[s]).map(async (s) => (await instances(system.consulAddr, s)).map((i) => ({ service: s, adminPort: i.adminPort }))))).flat();
  assert.equal(proxies.length, 5, "the edge and four sidecars with upstreams");
  const pid = agentPid(system.dataDir);

  const loading = timedLoad({ send: fetchGet(`${system.edgeUrl}${LOAD_PATH}`), rps: RPS, durationMs: LOAD_MS });
  await sleep(PAUSE_AT_MS);
  const pausedAt = Date.now();
  process.kill(pid, "SIGSTOP");
  paused = pid;
  let resumedAt = 0;
  let consulDuring = true;
  const views: Array<{ service: string; upstream: string; endpoints: number; staleSeconds: number }> = [];
  try {
    consulDuring = await consulAnswers(2_000);
    await sleep(pausedAt + PAUSE_MS - 2_000 - Date.now());
    // Near the end of the outage: what each proxy has in force (its admin port is its own process).
    for (const p of proxies) {
      for (const upstream of UPSTREAMS[p.service]!) {
        const view = await sidecarUpstream(p.adminPort, upstream);
        views.push({ service: p.service, upstream, endpoints: view.endpoints.length, staleSeconds: view.staleSeconds });
      }
    }
    await sleep(pausedAt + PAUSE_MS - Date.now());
  } finally {
    process.kill(pid, "SIGCONT");
    paused = undefined;
    resumedAt = Date.now();
  }
  // Which checks the resumed agent turned critical, and why (see the header).
  const flipped = new Map<string, string>();
  const watchUntil = Date.now() + 4_000;
  while (Date.now() < watchUntil) {
    for (const service of ["forex-web", "forex-converter", "forex-rate"]) {
      for (const c of await criticalChecks(service)) flipped.set(c.id, c.output);
    }
    await sleep(100);
  }
  const { samples } = await loading;
  const all = summarize(samples);
  const during = summarize(sentBetween(samples, pausedAt, resumedAt));
  const afterwards = summarize(sentBetween(samples, resumedAt, Number.POSITIVE_INFINITY));
  const stale = views.filter((v) => v.staleSeconds > 0);
  report(
    t,
    "Consul API down 30 s",
    all,
    `agent SIGSTOPped ${((resumedAt - pausedAt) / 1000).toFixed(1)} s; sent during it ${during.failures}/${during.requests} failed, after it ${afterwards.failures}/${afterwards.requests} (${JSON.stringify(failuresByStatus(sentBetween(samples, resumedAt, Number.POSITIVE_INFINITY)))}); ${stale.length}/${views.length} proxy watches reported stale (max ${Math.max(0, ...views.map((v) => v.staleSeconds)).toFixed(1)} s); ${flipped.size} checks critical after SIGCONT${flipped.size > 0 ? ` ("${[...flipped.values()][0]}")` : ""}`,
  );

  assert.equal(consulDuring, false, "the Consul API should not answer while the agent is stopped");
  assert.ok(await consulAnswers(5_000), "the Consul API answers again after SIGCONT");
  assert.deepEqual(
    views.filter((v) => v.endpoints !== 2),
    [],
    "every proxy kept both endpoints of each upstream through the outage",
  );
  const sentDuring = sentBetween(samples, pausedAt, resumedAt);
  assert.equal(during.failures, 0, `${during.failures} of ${during.requests} requests sent while Consul was down failed: ${JSON.stringify(failuresByStatus(sentDuring))}`);
  assert.equal(all.failures, 0, `${all.failures} of ${all.requests} requests failed over the whole load (before, during and after the outage): ${JSON.stringify(failuresByStatus(samples))}`);
  await meshReady(system, 20_000);
});
