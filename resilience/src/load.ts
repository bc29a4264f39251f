/**
 * @module Steady open-loop load through the edge, timing every request. The send schedule is e2e's
 * (`schedule`: request i leaves at i / rps whatever earlier answers took); e2e's `driveLoad` keeps
 * only when each answer arrived, and the scenarios need each request's own latency and send time,
 * so this is the same loop with a `Sample` per request.
 */
import { schedule } from "@forex-mesh/e2e";
import type { Sample } from "./stats.js";

export interface TimedLoadOptions {
  url: string;
  rps: number;
  durationMs: number;
  headers?: Record<string, string>;
  /** Bound on requests in flight; a request due while the bound is reached waits for a slot. */
  maxInFlight?: number;
  /** A request without an answer after this long counts as failed (status 0). */
  requestTimeoutMs?: number;
}

export interface TimedLoad {
  samples: Sample[];
  startedAt: number;
  endedAt: number;
}

export async function timedLoad({ url, rps, durationMs, headers = {}, maxInFlight = 64, requestTimeoutMs = 10_000 }: TimedLoadOptions): Promise<TimedLoad> {
  const samples: Sample[] = [];
  const inFlight = new Set<Promise<void>>();
  const startedAt = Date.now();
  for (const offset of schedule(rps, durationMs)) {
    const wait = startedAt + offset - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const sentAt = Date.now();
    const t0 = performance.now();
    const record = (status: number): void => {
      samples.push({ sentAt, ms: performance.now() - t0, status });
    };
    const p: Promise<void> = fetch(url, { headers, signal: AbortSignal.timeout(requestTimeoutMs) })
      .then(async (res) => {
        // The body is part of the answer: a cut body is a failure the client saw.
        await res.arrayBuffer();
        record(res.status);
      })
      .catch(() => record(0))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return { samples, startedAt, endedAt: Date.now() };
}
