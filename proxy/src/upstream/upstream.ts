/**
 * @module One upstream service: its instances from discovery, its routing table from KV, and the
 * snapshot that the request path reads. A change rebuilds the snapshot and swaps it in one
 * assignment, so a request sees either the old or the new table, never a mix.
 */
import {
  DEFAULT_OVERRIDE_COOKIE,
  DEFAULT_OVERRIDE_HEADER,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  effectiveSplit,
  parseRouteTable,
  type RouteTable,
} from "@forex-mesh/routing";
import type { Instance, KeyValue } from "../discovery/types.js";
import { isAvailable, onFailure } from "../logic/accrual.js";
import { pickP2C } from "../logic/balancer.js";
import { RetryBudget } from "../logic/budget.js";
import { type RetryInput, retryDelay } from "../logic/retry.js";
import { chooseVersion, planFromSplit, type VersionPlan } from "../logic/version.js";
import type { Logger } from "../log.js";
import type { ProxyMetrics, RequestSeries } from "../metrics.js";
import { Endpoint, endpointKey } from "./endpoint.js";

export interface RouteSettings {
  timeoutMs: number;
  maxRetries: number;
  overrideHeader: string;
  overrideCookie: string;
}

export interface Snapshot {
  readonly byVersion: ReadonlyMap<string, readonly Endpoint[]>;
  readonly stable: readonly Endpoint[];
  readonly plan: VersionPlan | null;
  readonly settings: RouteSettings;
  readonly effective: ReadonlyArray<{ version: string; weight: number }>;
}

export class Upstream {
  snapshot: Snapshot;
  table: RouteTable | null = null;
  revision = 0;
  /** Wall-clock ms when `revision` came into force (0: never changed): the console shows how fast a change spread. */
  appliedAt = 0;
  lastConfigError: { revision: number; message: string } | undefined;
  discoveryReady = false;
  readonly budget = new RetryBudget({ budgetPercent: DEFAULT_RETRY.budgetPercent, minPerSecond: DEFAULT_RETRY.minPerSecond });
  readonly noEndpointSeries: RequestSeries;
  readonly #endpoints = new Map<string, Endpoint>();
  readonly #retryCounter;
  readonly #budgetCounter;

  constructor(
    readonly name: string,
    private readonly metrics: ProxyMetrics,
    private readonly log: Logger,
  ) {
    this.snapshot = this.#build();
    this.noEndpointSeries = metrics.series("outbound", name, "");
    const labels = { service: metrics.service, dst_service: name };
    this.#retryCounter = metrics.retries.labels(labels);
    this.#budgetCounter = metrics.budgetExhausted.labels(labels);
    // Exported at 0 from the start: a counter that appears only at its first event has no rate for
    // the windows that contain its birth, so "no retries yet" would read as "no data".
    this.#retryCounter.inc(0);
    this.#budgetCounter.inc(0);
    metrics.routeRevision.set(labels, 0);
    metrics.configErrors.inc({ ...labels, document: "routes" }, 0);
  }

  /** Discovery answered: the passing instances, in full. */
  applyInstances(instances: Instance[]): void {
    const seen = new Set<string>();
    for (const instance of instances) {
      const key = endpointKey(instance);
      seen.add(key);
      const existing = this.#endpoints.get(key);
      if (existing === undefined) {
        this.#endpoints.set(key, new Endpoint(instance, this.metrics.series("outbound", this.name, instance.version)));
        this.metrics.ejections.inc({ service: this.metrics.service, dst_service: this.name, dst_version: instance.version }, 0);
      } else if (existing.instance.version !== instance.version || existing.instance.canary !== instance.canary) {
        // Promotion re-registers the same allocation without the canary tag; keep its pool.
        existing.instance = instance;
        existing.series = this.metrics.series("outbound", this.name, instance.version);
      }
    }
    for (const [key, endpoint] of this.#endpoints) {
      if (!seen.has(key)) {
        this.#endpoints.delete(key);
        endpoint.close();
      }
    }
    this.discoveryReady = true;
    this.snapshot = this.#build();
  }

  /** The routing key changed: apply a valid table, keep the last good one otherwise. */
  applyKey(entry: KeyValue | null, wallMs = Date.now()): void {
    const before = this.revision;
    const labels = { service: this.metrics.service, dst_service: this.name };
    if (entry === null) {
      this.table = null;
      this.revision = 0;
      this.lastConfigError = undefined;
    } else {
      const parsed = parseRouteTable(entry.value);
      if (!parsed.ok) {
        this.lastConfigError = { revision: entry.modifyIndex, message: parsed.error.message };
        this.metrics.configErrors.inc({ ...labels, document: "routes" });
        this.log.error("routing table refused; the last good table stays in force", {
          dst_service: this.name,
          revision: entry.modifyIndex,
          code: parsed.error.code,
          reason: parsed.error.message,
          in_force: this.revision,
        });
        return;
      }
      this.table = parsed.value;
      this.revision = entry.modifyIndex;
      this.lastConfigError = undefined;
      this.log.info("routing table applied", { dst_service: this.name, revision: entry.modifyIndex, split: parsed.value.split });
    }
    const retry = this.table?.retry ?? DEFAULT_RETRY;
    this.budget.settings = { budgetPercent: retry.budgetPercent, minPerSecond: retry.minPerSecond };
    this.snapshot = this.#build();
    this.metrics.routeRevision.set(labels, this.revision);
    if (this.revision !== before) this.appliedAt = wallMs;
  }

  /** Picks the endpoint for a request; undefined when nothing can serve it. */
  pick(override: string | undefined, now: number, rand: () => number, avoid?: Endpoint): Endpoint | undefined {
    const snap = this.snapshot;
    const choice = chooseVersion(snap.plan, override, (v) => snap.byVersion.has(v), snap.stable.length > 0, rand());
    if (choice.kind === "none") return undefined;
    const pool = choice.kind === "stable" ? snap.stable : snap.byVersion.get(choice.version);
    if (pool === undefined || pool.length === 0) return undefined;
    return pickFrom(pool, now, rand, avoid);
  }

  /** Endpoints of the same version that can take traffic now, other than `endpoint`. */
  othersAvailable(endpoint: Endpoint, now: number): number {
    const pool = this.snapshot.byVersion.get(endpoint.instance.version) ?? [];
    let n = 0;
    for (const other of pool) if (other !== endpoint && isAvailable(other.accrual, now)) n += 1;
    return n;
  }

  /** The retry policy's delay, if the budget also allows one more try (then counted); null otherwise. */
  planRetry(input: Omit<RetryInput, "maxRetries">, now: number): number | null {
    const delay = retryDelay({ ...input, maxRetries: this.snapshot.settings.maxRetries });
    if (delay === null) return null;
    if (!this.budget.tryWithdraw(now)) {
      this.#budgetCounter.inc();
      return null;
    }
    this.#retryCounter.inc();
    return delay;
  }

  /** A failed attempt on `endpoint`: failure accrual may eject it (logged and counted). */
  accrueFailure(endpoint: Endpoint, now: number): void {
    if (onFailure(endpoint.accrual, now, this.othersAvailable(endpoint, now))) this.#countEjection(endpoint);
  }

  #countEjection(endpoint: Endpoint): void {
    this.metrics.ejections.inc({ service: this.metrics.service, dst_service: this.name, dst_version: endpoint.instance.version });
    this.log.warn("endpoint ejected by failure accrual", { dst_service: this.name, endpoint: endpoint.label, until_ms: endpoint.accrual.ejectedUntil });
  }

  endpoints(): Endpoint[] {
    return [...this.#endpoints.values()];
  }

  close(): void {
    for (const endpoint of this.#endpoints.values()) endpoint.close();
    this.#endpoints.clear();
  }

  #build(): Snapshot {
    const byVersion = new Map<string, Endpoint[]>();
    const stable: Endpoint[] = [];
    for (const endpoint of this.#endpoints.values()) {
      const version = endpoint.instance.version;
      let list = byVersion.get(version);
      if (list === undefined) {
        list = [];
        byVersion.set(version, list);
      }
      list.push(endpoint);
      if (!endpoint.instance.canary) stable.push(endpoint);
    }
    const table = this.table;
    const effective = table ? effectiveSplit(table.split, (v) => byVersion.has(v)) : evenSplit(stable);
    const plan = table ? planFromSplit(effective) : null;
    const settings: RouteSettings = {
      timeoutMs: table?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxRetries: table?.retry?.attempts ?? DEFAULT_RETRY.attempts,
      overrideHeader: table?.override?.header ?? DEFAULT_OVERRIDE_HEADER,
      overrideCookie: table?.override?.cookie ?? DEFAULT_OVERRIDE_COOKIE,
    };
    this.#publishGauges(byVersion, effective);
    return { byVersion, stable, plan, settings, effective };
  }

  #published = new Set<string>();

  #publishGauges(byVersion: Map<string, Endpoint[]>, effective: ReadonlyArray<{ version: string; weight: number }>): void {
    const base = { service: this.metrics.service, dst_service: this.name };
    const weights = new Map(effective.map((e) => [e.version, e.weight]));
    const versions = new Set([...byVersion.keys(), ...weights.keys()]);
    // Versions that disappeared stop being reported instead of freezing at their last value.
    for (const gone of this.#published) {
      if (versions.has(gone)) continue;
      this.metrics.healthyEndpoints.remove({ ...base, dst_version: gone });
      this.metrics.effectiveWeight.remove({ ...base, dst_version: gone });
    }
    for (const version of versions) {
      const labels = { ...base, dst_version: version };
      this.metrics.healthyEndpoints.set(labels, byVersion.get(version)?.length ?? 0);
      this.metrics.effectiveWeight.set(labels, weights.get(version) ?? 0);
    }
    this.#published = versions;
  }
}

function evenSplit(stable: readonly Endpoint[]): Array<{ version: string; weight: number }> {
  // Without a table traffic is even per instance; report each version's share of the instances.
  const counts = new Map<string, number>();
  for (const e of stable) counts.set(e.instance.version, (counts.get(e.instance.version) ?? 0) + 1);
  return [...counts].map(([version, n]) => ({ version, weight: Math.round((n * 100) / stable.length) }));
}

/** P2C over the endpoints that accrual allows; all of them if accrual allows none. */
function pickFrom(pool: readonly Endpoint[], now: number, rand: () => number, avoid: Endpoint | undefined): Endpoint {
  if (pool.length === 1) return pool[0]!;
  const a = pickP2C(pool, rand(), rand(), now);
  if (a !== avoid && isAvailable(a.accrual, now)) return a;
  // Rare path (an ejected or just-failed endpoint was drawn): filter, then choose among the rest.
  const usable = pool.filter((e) => e !== avoid && isAvailable(e.accrual, now));
  if (usable.length === 0) return a;
  return pickP2C(usable, rand(), rand(), now);
}
