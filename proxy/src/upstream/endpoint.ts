/**
 * @module One instance of an upstream as the balancer sees it: its load figures, its failure
 * accrual state, and its keep-alive connection pool (undici Pool: reused connections are what make
 * a hop cheap).
 */
import { Pool } from "../deps.js";
import type { Instance } from "../discovery/types.js";
import { type AccrualState, freshAccrual } from "../logic/accrual.js";
import type { LoadView } from "../logic/balancer.js";
import type { RequestSeries } from "../metrics.js";

export const POOL_OPTIONS = {
  // Enough for 64 concurrent callers with headroom; idle ones are closed by keepAliveTimeout.
  connections: 256,
  pipelining: 1,
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 60_000,
  connect: { timeout: 2_000 },
} as const;

export class Endpoint implements LoadView {
  outstanding = 0;
  ewmaMs = 0;
  ewmaAt = 0;
  readonly accrual: AccrualState = freshAccrual();
  readonly pool: Pool;
  readonly key: string;
  readonly label: string;

  constructor(
    public instance: Instance,
    public series: RequestSeries,
  ) {
    this.key = endpointKey(instance);
    this.label = `${instance.address}:${instance.port}`;
    this.pool = new Pool(`http://${this.label}`, POOL_OPTIONS);
  }

  close(): void {
    // Waits for requests in flight, then closes the sockets.
    this.pool.close().catch(() => undefined);
  }
}

export function endpointKey(instance: Instance): string {
  return `${instance.id}|${instance.address}:${instance.port}`;
}
