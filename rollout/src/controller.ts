/**
 * @module The controller loop: a Consul blocking query on `forex-mesh/rollouts/` wakes it when a
 * spec or control key changes, and a tick (≤ 1 s) ends steps on time. Each service's rollout is
 * reconciled one at a time: read its keys, fetch what `needs` asks for, `decide`, carry out the
 * actions, write the status with CAS. All state is in the status key, so a new process continues
 * where the last one stopped.
 */
import type { Logger } from "@forex-mesh/service-kit";
import { type ConsulKv, indexOfWrite, type KvEntry } from "./consul.js";
import { RolloutError } from "./errors.js";
import { decide, needs } from "./logic/decide.js";
import { collapsedTable, rolloutTable } from "./logic/split.js";
import type { Action, MetricsReading } from "./logic/types.js";
import type { Deployments } from "./nomad.js";
import { parseRolloutControl, parseRolloutSpec, parseRolloutStatus } from "./parse.js";
import type { PrometheusReader } from "./prometheus.js";
import { writeRoutes } from "./routes.js";
import { isTerminalPhase, parseRolloutKey, ROLLOUTS_PREFIX, type RolloutSpec, type RolloutStatus, rolloutStatusKey } from "./schema.js";

export interface ControllerDeps {
  kv: ConsulKv;
  deployments: Deployments;
  prometheus: PrometheusReader;
  logger: Logger;
  now: () => number;
  tickMs: number;
  /** Two scrape intervals: the shortest window a verdict is taken on. */
  minWindowSeconds: number;
  watchWaitSeconds: number;
}

export interface RolloutSummary {
  service: string;
  id: string;
  phase: string;
  step: number;
  weight: number;
  message: string;
}

export interface ControllerHealth {
  /** The last watch of the rollout keys answered (Consul reachable). */
  watching: boolean;
  lastWatchAt: string | null;
  lastError: { service: string | null; code: string; message: string; at: string } | null;
  rollouts: RolloutSummary[];
}

export interface Controller {
  start(): void;
  stop(): Promise<void>;
  health(): ControllerHealth;
  /** Reconciles one service's rollout now (serialised with the loop's own runs). */
  reconcile(service: string): Promise<void>;
}

const MAX_ROUNDS = 6;

export function createController(deps: ControllerDeps): Controller {
  const { kv, logger } = deps;
  const options = { minWindowSeconds: deps.minWindowSeconds };
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  /** Per service: the keys' ModifyIndexes at the last watch, and whether it has work to do. */
  const known = new Map<string, { indexes: string; active: boolean; summary: RolloutSummary | null }>();
  const abort = new AbortController();
  let ticker: NodeJS.Timeout | undefined;
  let watchLoop: Promise<void> | undefined;
  let watching = false;
  let lastWatchAt: number | null = null;
  let lastError: ControllerHealth["lastError"] = null;
  /** Parse errors already logged, by key@index, so a bad key is reported once, not every tick. */
  const reported = new Set<string>();

  const fail = (service: string | null, error: unknown) => {
    const code = error instanceof RolloutError ? error.code : "rollout_internal";
    const message = error instanceof Error ? error.message : String(error);
    lastError = { service, code, message, at: new Date(deps.now()).toISOString() };
    logger.error({ code, service, err: error }, message);
  };

  function schedule(service: string): Promise<void> {
    const current = running.get(service);
    if (current) {
      again.add(service);
      return current;
    }
    const run = (async () => {
      try {
        do {
          again.delete(service);
          try {
            await reconcileNow(service);
          } catch (error) {
            fail(service, error);
          }
        } while (again.has(service) && !abort.signal.aborted);
      } finally {
        running.delete(service);
      }
    })();
    running.set(service, run);
    return run;
  }

  async function reconcileNow(service: string): Promise<void> {
    const { entries } = await kv.list(`${ROLLOUTS_PREFIX}${service}/`);
    const entry = (part: string) => entries.find((e) => e.key === `${ROLLOUTS_PREFIX}${service}/${part}`);
    const specEntry = entry("spec");
    if (!specEntry) return;
    const spec = parsed(specEntry, parseRolloutSpec);
    if (!spec) return;
    const controlEntry = entry("control");
    const control = controlEntry ? parsed(controlEntry, parseRolloutControl) : null;
    const statusEntry = entry("status");
    let status = statusEntry ? parsed(statusEntry, parseRolloutStatus) : null;
    let statusIndex = statusEntry?.modifyIndex ?? 0;

    for (let round = 0; round < MAX_ROUNDS && !abort.signal.aborted; round++) {
      const now = deps.now();
      const need = needs(spec, status, control, now, options);
      const deployment = need.deployment ? await deps.deployments.read(spec.job) : undefined;
      const metrics = need.metricsWindowSeconds !== null && status ? await readMetrics(spec, status, need.metricsWindowSeconds) : undefined;
      const decision = decide({ spec, status, control, now, ...(deployment ? { deployment } : {}), ...(metrics ? { metrics } : {}) }, options);
      const key = rolloutStatusKey(service);
      // A fence: a second controller (an overlapping restart) may have moved the rollout on since
      // this one read it; acting on the stale status could set an old step's weight.
      if (decision.actions.length > 0 && ((await kv.get(key))?.modifyIndex ?? 0) !== statusIndex) {
        logger.warn({ service, rollout: spec.id }, "status changed under this controller before acting; re-reading");
        return;
      }
      for (const action of decision.actions) await carryOut(spec, action);
      if (decision.write) {
        const text = JSON.stringify(decision.status);
        if (!(await kv.put(key, text, statusIndex))) {
          // Another controller wrote first; its status is the truth. Decide again on the next wake.
          logger.warn({ service, rollout: spec.id }, "status changed under this controller; re-reading");
          return;
        }
        const before = new Set(status?.events ?? []);
        for (const e of decision.status.events.filter((x) => !before.has(x))) {
          logger.info({ service, rollout: spec.id, event: e.kind, step: e.step, weight: e.weight, outcome: e.outcome, gates: e.gates }, e.message);
        }
        status = decision.status;
        const written = await indexOfWrite(kv, key, text);
        if (written === undefined) {
          remember(service, spec, status);
          return;
        }
        statusIndex = written;
      }
      remember(service, spec, status);
      if (!decision.again) return;
    }
  }

  function parsed<T>(entry: KvEntry, parse: (text: string) => { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T | null {
    const result = parse(entry.value);
    if (result.ok) return result.value;
    const mark = `${entry.key}@${entry.modifyIndex}`;
    if (!reported.has(mark)) {
      reported.add(mark);
      lastError = { service: parseRolloutKey(entry.key)?.service ?? null, code: result.error.code, message: `${entry.key}: ${result.error.message}`, at: new Date(deps.now()).toISOString() };
      logger.error({ key: entry.key, code: result.error.code }, `${entry.key} is ignored: ${result.error.message}`);
    }
    return null;
  }

  async function readMetrics(spec: RolloutSpec, status: RolloutStatus, windowSeconds: number): Promise<MetricsReading> {
    try {
      const endMs = Date.parse(status.stepStartedAt) + windowSeconds * 1000;
      const sample = await deps.prometheus.sample({ service: spec.service, canary: spec.canary, stable: spec.stable, windowSeconds, endMs });
      return { ok: true, sample };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function carryOut(spec: RolloutSpec, action: Action): Promise<void> {
    const routeDeps = { kv, now: deps.now, onHistoryError: (error: unknown) => fail(spec.service, error) };
    switch (action.kind) {
      case "set-weight": {
        const r = await writeRoutes(routeDeps, spec.service, (t) => rolloutTable(t, spec.stable, spec.canary, action.weight), action.reason);
        if (r.changed) logger.info({ service: spec.service, rollout: spec.id, split: r.table.split, revision: r.revision }, `route table: ${action.reason}`);
        return;
      }
      case "collapse-routes": {
        const r = await writeRoutes(routeDeps, spec.service, (t) => collapsedTable(t, action.version), action.reason);
        if (r.changed) logger.info({ service: spec.service, rollout: spec.id, split: r.table.split, revision: r.revision }, `route table: ${action.reason}`);
        return;
      }
      case "fail-deployment":
        await deps.deployments.fail(action.deploymentId);
        logger.info({ service: spec.service, rollout: spec.id, deployment: action.deploymentId }, "deployment failed");
        return;
      case "promote-deployment":
        await deps.deployments.promote(action.deploymentId);
        logger.info({ service: spec.service, rollout: spec.id, deployment: action.deploymentId }, "deployment promoted");
        return;
    }
  }

  function remember(service: string, spec: RolloutSpec, status: RolloutStatus | null): void {
    const entry = known.get(service) ?? { indexes: "", active: true, summary: null };
    entry.active = status === null || status.id !== spec.id || !isTerminalPhase(status.phase);
    entry.summary = status ? { service, id: status.id, phase: status.phase, step: status.step, weight: status.weight, message: status.message } : null;
    known.set(service, entry);
  }

  /** Updates what is known from one watch answer; returns the services whose keys changed. */
  function absorb(entries: KvEntry[]): string[] {
    const byService = new Map<string, KvEntry[]>();
    for (const e of entries) {
      const k = parseRolloutKey(e.key);
      if (k) byService.set(k.service, [...(byService.get(k.service) ?? []), e]);
    }
    const changed: string[] = [];
    for (const [service, list] of byService) {
      const indexes = list.map((e) => `${e.key}@${e.modifyIndex}`).sort().join(",");
      const spec = list.find((e) => e.key.endsWith("/spec"));
      const statusEntry = list.find((e) => e.key.endsWith("/status"));
      // parsed() reports a key that does not validate (once per revision) and answers null for it.
      const specValue = spec ? parsed(spec, parseRolloutSpec) : null;
      const status = statusEntry ? parsed(statusEntry, parseRolloutStatus) : null;
      const prior = known.get(service);
      if (specValue) remember(service, specValue, status);
      else known.set(service, { indexes, active: false, summary: null });
      known.get(service)!.indexes = indexes;
      if (prior?.indexes !== indexes) changed.push(service);
    }
    for (const service of [...known.keys()]) if (!byService.has(service)) known.delete(service);
    return changed;
  }

  async function watch(): Promise<void> {
    let index: number | undefined;
    while (!abort.signal.aborted) {
      try {
        const answer = await kv.list(ROLLOUTS_PREFIX, { ...(index === undefined ? {} : { index }), waitSeconds: deps.watchWaitSeconds, signal: abort.signal });
        watching = true;
        lastWatchAt = deps.now();
        // Consul's index going backwards (a restored store) means start over, as its docs say.
        index = index !== undefined && answer.index < index ? 0 : Math.max(1, answer.index);
        for (const service of absorb(answer.entries)) {
          if (known.get(service)?.active) void schedule(service);
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        watching = false;
        fail(null, error);
        index = undefined;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }

  return {
    start() {
      watchLoop = watch();
      ticker = setInterval(() => {
        for (const [service, k] of known) if (k.active) void schedule(service);
      }, deps.tickMs);
    },
    async stop() {
      abort.abort();
      clearInterval(ticker);
      await watchLoop;
      await Promise.all(running.values());
    },
    health() {
      return {
        watching,
        lastWatchAt: lastWatchAt === null ? null : new Date(lastWatchAt).toISOString(),
        lastError,
        rollouts: [...known.values()].flatMap((k) => (k.summary ? [k.summary] : [])),
      };
    },
    reconcile: schedule,
  };
}
