/**
 * @module dependency-probes: what a service last learned about its upstreams, for `/readyz` to
 * report without waiting on them.
 *
 * Readiness answers "can this process take traffic", not "are my dependencies fine". Were it to
 * wait on an upstream, a slow upstream would make every caller's `/readyz` slower than its Consul
 * check timeout, every caller would drop out of the catalog, and one slow service would become a
 * total outage at the edge. A bad upstream is the sidecars' business (outlier ejection, retries,
 * timeouts); the caller itself still answers, with a clear 502/504 or a degraded page.
 *
 * So a report starts a probe of each dependency whose last result is stale (one at a time per
 * dependency, each cut at `timeoutMs`), waits at most `waitMs` for them, and describes whatever is
 * known then: a probe still running past `waitMs` says "slow", and its result serves later reports.
 */
import { HttpError } from "./errors.js";

/** Asks a dependency whether it is alive; resolves to the HTTP status, rejects when unreachable. */
export type DependencyCheck = (timeoutMs: number) => Promise<number>;

export interface ProbeResult {
  /** The HTTP status, when the dependency answered. */
  status?: number;
  /** Why it did not answer. */
  error?: string;
  timedOut: boolean;
  latencyMs: number;
  /** When the probe ended (clock ms). */
  at: number;
}

export interface DependencyReport {
  /** up: answered 2xx; down: answered otherwise or unreachable; slow: no answer in time; unknown: never probed. */
  state: "up" | "down" | "slow" | "unknown";
  status?: number;
  error?: string;
  latencyMs?: number;
  /** Age of the last finished probe. */
  checkedMsAgo?: number;
  /** How long the probe under way has run, when it is overdue. */
  pendingMs?: number;
}

export interface DependencyProbeOptions {
  now?: () => number;
  /** A probe without an answer by then counts as failed (slow). */
  timeoutMs?: number;
  /** The longest a report waits for probes it started. */
  waitMs?: number;
  /** A result younger than this is reused instead of probing again. */
  freshMs?: number;
}

/** Pure: the report for one dependency from its last result and the probe under way, if any (overdue once it has run `overdueAfterMs`). */
export function describeDependency(last: ProbeResult | undefined, pendingSince: number | undefined, now: number, overdueAfterMs: number): DependencyReport {
  const known: DependencyReport = last === undefined ? { state: "unknown" } : describeResult(last, now);
  if (pendingSince !== undefined && now - pendingSince >= overdueAfterMs) {
    // A probe overdue now is news, whatever the last one said.
    const { state: _previous, ...rest } = known;
    return { ...rest, state: "slow", pendingMs: now - pendingSince };
  }
  return known;
}

function describeResult(r: ProbeResult, now: number): DependencyReport {
  const common = { latencyMs: r.latencyMs, checkedMsAgo: Math.max(0, now - r.at) };
  if (r.timedOut) return { state: "slow", error: r.error ?? "no answer in time", ...common };
  if (r.status === undefined) return { state: "down", error: r.error ?? "unreachable", ...common };
  return { state: r.status >= 200 && r.status < 300 ? "up" : "down", status: r.status, ...common };
}

const BACKSTOP_MS = 50;

interface Tracked {
  last: ProbeResult | undefined;
  pending: Promise<void> | undefined;
  pendingSince: number | undefined;
}

export class DependencyProbes {
  readonly #checks: Map<string, DependencyCheck>;
  readonly #tracked = new Map<string, Tracked>();
  readonly #now: () => number;
  readonly #timeoutMs: number;
  readonly #waitMs: number;
  readonly #freshMs: number;

  constructor(checks: Record<string, DependencyCheck>, { now = Date.now, timeoutMs = 500, waitMs = 100, freshMs = 1_000 }: DependencyProbeOptions = {}) {
    this.#checks = new Map(Object.entries(checks));
    this.#now = now;
    this.#timeoutMs = timeoutMs;
    this.#waitMs = waitMs;
    this.#freshMs = freshMs;
    for (const name of this.#checks.keys()) this.#tracked.set(name, { last: undefined, pending: undefined, pendingSince: undefined });
  }

  /** Never takes much longer than `waitMs`, however the dependencies behave. */
  async report(): Promise<Record<string, DependencyReport>> {
    const started: Promise<void>[] = [];
    const waitedOn = new Set<string>();
    for (const [name, tracked] of this.#tracked) {
      const fresh = tracked.last !== undefined && this.#now() - tracked.last.at < this.#freshMs;
      if (tracked.pending === undefined && !fresh) {
        started.push(this.#probe(name, tracked));
        waitedOn.add(name);
      }
    }
    if (started.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(started), new Promise((resolve) => (timer = setTimeout(resolve, this.#waitMs)))]);
      clearTimeout(timer);
    }
    const now = this.#now();
    const out: Record<string, DependencyReport> = {};
    // A probe this report waited `waitMs` for and that is still running is overdue, whatever the
    // clock says: timers fire on the event loop's cached time, up to a few ms before `now()` has
    // moved `waitMs` on (CI saw "unknown" for a hung probe after a 50 ms wait).
    for (const [name, tracked] of this.#tracked) out[name] = describeDependency(tracked.last, tracked.pendingSince, now, waitedOn.has(name) ? 0 : this.#waitMs);
    return out;
  }

  #probe(name: string, tracked: Tracked): Promise<void> {
    const check = this.#checks.get(name) as DependencyCheck;
    const since = this.#now();
    tracked.pendingSince = since;
    const run = async (): Promise<ProbeResult> => {
      let timer: NodeJS.Timeout | undefined;
      // The check is asked to honour the timeout (its own error is the better reason); this cut,
      // a little later, holds even if it does not.
      const cut = new Promise<ProbeResult>((resolve) => {
        const result = (): ProbeResult => ({ timedOut: true, error: `no answer within ${this.#timeoutMs} ms`, latencyMs: this.#now() - since, at: this.#now() });
        timer = setTimeout(() => resolve(result()), this.#timeoutMs + BACKSTOP_MS);
        timer.unref();
      });
      const asked = check(this.#timeoutMs).then(
        (status): ProbeResult => ({ status, timedOut: false, latencyMs: this.#now() - since, at: this.#now() }),
        (error: unknown): ProbeResult => {
          const message = error instanceof Error ? error.message : String(error);
          const timedOut = (error instanceof HttpError && error.status === 504) || (error instanceof Error && error.name === "TimeoutError");
          return { error: message, timedOut, latencyMs: this.#now() - since, at: this.#now() };
        },
      );
      try {
        return await Promise.race([asked, cut]);
      } finally {
        clearTimeout(timer);
      }
    };
    tracked.pending = run().then((result) => {
      tracked.last = result;
      tracked.pending = undefined;
      tracked.pendingSince = undefined;
    });
    return tracked.pending;
  }
}
