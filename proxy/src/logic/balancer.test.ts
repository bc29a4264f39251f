import assert from "node:assert/strict";
import { test } from "node:test";
import { currentEwma, DEFAULT_ALPHA, DEFAULT_DECAY_MS, type LoadView, observeLatency, pickP2C } from "./balancer.js";

const ep = (name: string, outstanding: number, ewmaMs: number, ewmaAt = 0) => ({ name, outstanding, ewmaMs, ewmaAt });

test("of the two picks, fewer outstanding requests wins", () => {
  const list = [ep("a", 5, 1), ep("b", 1, 9), ep("c", 3, 1)];
  // r1 picks index 0 (a); r2 over the other two slots picks b.
  assert.equal(pickP2C(list, 0, 0, 0).name, "b");
});

test("equal outstanding: the lower estimate wins", () => {
  const list = [ep("a", 2, 8), ep("b", 2, 3)];
  assert.equal(pickP2C(list, 0, 0, 0).name, "b");
  assert.equal(pickP2C(list, 0.9, 0, 0).name, "b");
});

test("the two picks are always distinct", () => {
  const list = [ep("a", 0, 0), ep("b", 9, 0)];
  // Both random numbers point at slot 0; the second must move to slot 1, so "a" is compared with "b".
  for (const r of [0, 0.5, 0.99]) assert.equal(pickP2C(list, 0, r, 0).name, "a");
  assert.equal(pickP2C(list, 0.99, 0.99, 0).name, "a");
});

test("one candidate is returned as is", () => {
  const only = ep("x", 100, 100);
  assert.equal(pickP2C([only], 0.3, 0.7, 0), only);
});

test("the least loaded endpoint takes the most picks over many draws", () => {
  const list = [ep("busy", 10, 1), ep("idle", 0, 1), ep("mid", 5, 1)];
  const counts = new Map<string, number>();
  for (let i = 0; i < 300; i++) {
    const chosen = pickP2C(list, (i % 30) / 30, Math.floor(i / 30) / 10, 0);
    counts.set(chosen.name, (counts.get(chosen.name) ?? 0) + 1);
  }
  assert.equal(counts.get("busy"), undefined);
  assert.ok((counts.get("idle") ?? 0) > (counts.get("mid") ?? 0));
});

test("the first sample sets the estimate; a higher one replaces it at once (peak)", () => {
  assert.equal(observeLatency(ep("a", 0, 0), 10, 5), 10);
  assert.equal(observeLatency(ep("a", 0, 10, 0), 40, 1), 40);
});

test("a lower sample pulls the estimate as of now down by alpha", () => {
  assert.equal(observeLatency(ep("a", 0, 50, 1000), 10, 1000), 50 + DEFAULT_ALPHA * (10 - 50));
  // After one time constant idle the estimate is 50/e before the sample is mixed in.
  const decayed = 50 / Math.E;
  assert.ok(Math.abs(observeLatency(ep("a", 0, 50, 1000), 5, 1000 + DEFAULT_DECAY_MS) - (decayed + DEFAULT_ALPHA * (5 - decayed))) < 1e-9);
  // A sample above the decayed estimate replaces it, even if below the stored one.
  assert.equal(observeLatency(ep("a", 0, 50, 1000), 30, 1000 + DEFAULT_DECAY_MS), 30);
});

test("an idle estimate decays toward 0 (never measured) with the time constant", () => {
  const view = ep("a", 0, 80, 2000);
  assert.equal(currentEwma(view, 2000), 80);
  assert.ok(Math.abs(currentEwma(view, 2000 + DEFAULT_DECAY_MS) - 80 / Math.E) < 1e-9);
  assert.ok(Math.abs(currentEwma(view, 2000 + 500, 500) - 80 / Math.E) < 1e-9, "the decay constant is a parameter");
  assert.ok(currentEwma(view, 2000 + 20 * DEFAULT_DECAY_MS) < 0.001);
  assert.equal(currentEwma(ep("b", 0, 0), 99_999), 0);
});

/** A seeded PRNG (mulberry32): the simulations below are deterministic. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One client sending requests back to back (concurrency 1: outstanding is always 0 at pick time,
 * so only the latency estimate decides), with simulated time. Returns the picks per endpoint in
 * each window of `windowMs`.
 */
function simulate(latency: (name: string, now: number) => number, durationMs: number, windowMs: number): Array<Map<string, number>> {
  const endpoints: Array<LoadView & { name: string }> = [ep("fast", 0, 0), ep("slow", 0, 0)];
  const rand = seeded(7);
  const windows: Array<Map<string, number>> = [];
  let now = 0;
  while (now < durationMs) {
    const chosen = pickP2C(endpoints, rand(), rand(), now);
    const w = Math.floor(now / windowMs);
    windows[w] ??= new Map();
    windows[w].set(chosen.name, (windows[w].get(chosen.name) ?? 0) + 1);
    const took = latency(chosen.name, now);
    now += took;
    chosen.ewmaMs = observeLatency(chosen, took, now);
    chosen.ewmaAt = now;
    now += 1; // the client's own time between requests
  }
  return windows;
}

test("at concurrency 1 a slower endpoint still gets picked (it starved under a plain EWMA)", () => {
  // 10 ms against 5 ms, for two minutes.
  const windows = simulate((name) => (name === "slow" ? 10 : 5), 120_000, 30_000);
  for (const [i, window] of windows.entries()) {
    assert.ok((window.get("slow") ?? 0) >= 1, `window ${i}: the slow endpoint was never picked`);
    assert.ok((window.get("fast") ?? 0) > 10 * (window.get("slow") ?? 0), `window ${i}: the slow endpoint got more than probes`);
  }
});

test("a slow endpoint that gets fast again wins back its share", () => {
  // "slow" takes 50 ms for the first minute, then 5 ms like the other.
  const windows = simulate((name, now) => (name === "slow" && now < 60_000 ? 50 : 5), 150_000, 30_000);
  const last = windows.at(-1)!;
  const share = (last.get("slow") ?? 0) / ((last.get("slow") ?? 0) + (last.get("fast") ?? 0));
  assert.ok(share > 0.3 && share < 0.7, `the recovered endpoint's share in the last 30 s is ${share.toFixed(3)}`);
});
