/**
 * @module Steady open-loop load, timing every request. The send schedule is e2e's (`schedule`:
 * request i leaves at i / rps whatever earlier answers took); e2e's `driveLoad` keeps only when
 * each answer arrived, and the scenarios need each request's own latency and send time, so this
 * is the same loop with a `Sample` per request.
 */
import { Agent, request } from "node:http";
import { schedule } from "@forex-mesh/e2e";
import type { Sample } from "./stats.js";

/** Sends one request; resolves with the answer's status once its body is read, 0 for no answer. */
export type Send = () => Promise<number>;

export interface TimedLoadOptions {
  rps: number;
  durationMs: number;
  /** What one request is: `fetchGet(url)` for the edge, `meshGet(...)` for a sidecar's egress. */
  send: Send;
  /** Bound on requests in flight; a request due while the bound is reached waits for a slot. */
  maxInFlight?: number;
  /** Stops sending (the requests in flight are still awaited): for a scenario that ends on an event. */
  signal?: AbortSignal;
}

export interface TimedLoad {
  samples: Sample[];
  startedAt: number;
  endedAt: number;
}

export async function timedLoad({ rps, durationMs, send, maxInFlight = 64, signal }: TimedLoadOptions): Promise<TimedLoad> {
  const samples: Sample[] = [];
  const inFlight = new Set<Promise<void>>();
  const startedAt = Date.now();
  for (const offset of schedule(rps, durationMs)) {
    const wait = startedAt + offset - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (signal?.aborted) break;
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const sentAt = Date.now();
    const t0 = performance.now();
    const p: Promise<void> = send()
      .catch(() => 0)
      .then((status) => {
        samples.push({ sentAt, ms: performance.now() - t0, status });
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return { samples, startedAt, endedAt: Date.now() };
}

/** A GET with keep-alive `fetch`, as a browser would send it to the edge. */
export function fetchGet(url: string, timeoutMs = 10_000): Send {
  return async () => {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    // The body is part of the answer: a cut body is a failure the client saw.
    await res.arrayBuffer();
    return res.status;
  };
}

/**
 * A GET to a sidecar's egress naming the logical service in `Host`, as the apps call it (`fetch`
 * does not let a caller set `Host`, so this is node:http with its own keep-alive agent).
 */
export function meshGet(port: number, host: string, path: string, timeoutMs = 10_000): Send {
  const agent = new Agent({ keepAlive: true });
  return () =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path, headers: { host }, agent, timeout: timeoutMs }, (res) => {
        res.on("data", () => undefined);
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
      req.on("error", reject);
      req.end();
    });
}
