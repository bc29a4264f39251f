/**
 * @module store: the rates currently served, swapped atomically on refresh. A refresh that fails
 * (network, HTTP status, parse) keeps the data already loaded and only logs: stale rates beat none.
 */
import type { Logger } from "@forex-mesh/service-kit";
import { mergeTables, type RateTable } from "./data/rate-table.js";
import type { SourceFormat } from "./data/source.js";

export type Loader = (location: string) => Promise<{ table: RateTable; format: SourceFormat }>;

/** Runs `tick` every `ms` until the returned stop function is called; injected so tests need no real timers. */
export type Scheduler = (tick: () => void, ms: number) => () => void;

export const intervalScheduler: Scheduler = (tick, ms) => {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
};

export interface StoreStatus {
  days: number;
  first_date: string;
  last_date: string;
  source: string;
  loaded_at: string;
}

export interface RateStore {
  table(): RateTable | undefined;
  status(): StoreStatus | undefined;
  /** Replaces the data with what `location` holds. Throws if it cannot be read. */
  load(location: string): Promise<RateTable>;
  /** Lays what `location` holds over the current data; logs and keeps the old data on failure. */
  refresh(location: string): Promise<boolean>;
  startRefresh(location: string, intervalMs: number): () => void;
}

export interface StoreOptions {
  loader: Loader;
  logger: Logger;
  now?: () => Date;
  scheduler?: Scheduler;
}

export function createRateStore({ loader, logger, now = () => new Date(), scheduler = intervalScheduler }: StoreOptions): RateStore {
  let current: RateTable | undefined;
  let status: StoreStatus | undefined;
  let refreshing = false;

  const install = (table: RateTable, source: string): void => {
    current = table;
    status = {
      days: table.days.length,
      first_date: table.days[0]!,
      last_date: table.days.at(-1)!,
      source: redact(source),
      loaded_at: now().toISOString(),
    };
  };

  async function load(location: string): Promise<RateTable> {
    const started = performance.now();
    const { table, format } = await loader(location);
    install(table, location);
    logger.info({ source: redact(location), format, days: table.days.length, newest: table.days.at(-1), ms: Math.round(performance.now() - started) }, "rates loaded");
    return table;
  }

  async function refresh(location: string): Promise<boolean> {
    if (refreshing) return false;
    refreshing = true;
    try {
      const { table } = await loader(location);
      const before = current?.days.at(-1);
      install(current === undefined ? table : mergeTables(current, table), location);
      logger.info({ source: redact(location), newest_before: before, newest: current?.days.at(-1) }, "rates refreshed");
      return true;
    } catch (error) {
      logger.warn({ err: error, source: redact(location) }, "rates refresh failed; keeping the data already loaded");
      return false;
    } finally {
      refreshing = false;
    }
  }

  return {
    table: () => current,
    status: () => status,
    load,
    refresh,
    startRefresh: (location, intervalMs) => scheduler(() => void refresh(location), intervalMs),
  };
}

/** Drops credentials and query strings from a URL before it is logged or shown on /readyz. */
function redact(location: string): string {
  if (!/^https?:\/\//i.test(location)) return location;
  try {
    const url = new URL(location);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return "(invalid url)";
  }
}
