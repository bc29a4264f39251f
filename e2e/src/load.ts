/**
 * @module Steady, bounded, open-loop traffic: request i leaves at start + i / rps whatever earlier
 * answers took (a closed loop would slow down with the system and hide the rate it measured). The
 * schedule and the counting are pure; `driveLoad` does the I/O with `fetch` (keep-alive by default).
 */

export interface LoadResult {
  /** Wall-clock ms when each answer was complete, and its status (0: the request failed). */
  done: Array<{ at: number; status: number }>;
  startedAt: number;
  endedAt: number;
}

/** Send offsets (ms from the start) for `rps` requests a second over `durationMs`. */
export function schedule(rps: number, durationMs: number): number[] {
  if (!(rps > 0) || !(durationMs > 0)) throw new RangeError("rps and durationMs must be positive");
  const n = Math.floor((rps * durationMs) / 1000);
  return Array.from({ length: n }, (_, i) => (i * 1000) / rps);
}

/** Answers complete in (fromMs, toMs], per second: what a counter's rate over that window sees. */
export function rateIn(done: LoadResult["done"], fromMs: number, toMs: number): number {
  let n = 0;
  for (const d of done) if (d.at > fromMs && d.at <= toMs) n++;
  return (n * 1000) / (toMs - fromMs);
}

export interface DriveOptions {
  url: string;
  rps: number;
  durationMs: number;
  headers?: Record<string, string>;
  /** Bound on requests in flight; a request due while the bound is reached waits for a slot. */
  maxInFlight?: number;
}

export async function driveLoad({ url, rps, durationMs, headers = {}, maxInFlight = 64 }: DriveOptions): Promise<LoadResult> {
  const offsets = schedule(rps, durationMs);
  const done: LoadResult["done"] = [];
  const inFlight = new Set<Promise<void>>();
  const startedAt = Date.now();
  for (const offset of offsets) {
    const wait = startedAt + offset - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const p: Promise<void> = fetch(url, { headers, signal: AbortSignal.timeout(10_000) })
      .then(async (res) => {
        await res.arrayBuffer();
        done.push({ at: Date.now(), status: res.status });
      })
      .catch(() => {
        done.push({ at: Date.now(), status: 0 });
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return { done, startedAt, endedAt: Date.now() };
}
