/**
 * @module The fault table a sidecar applies on ingress, from Consul KV `forex-mesh/faults/<service>`
 * (watched like a routing table). A refused value is logged and counted and the last good table
 * stays; a deleted key means no faults. Only the entry for this sidecar's own version applies.
 */
import { activeFault, type FaultEntry, type FaultTable, faultKey, parseFaultTable } from "@forex-mesh/routing";
import type { KeyValue } from "../discovery/types.js";
import type { Logger } from "../log.js";
import type { ProxyMetrics } from "../metrics.js";

export class FaultState {
  table: FaultTable | null = null;
  /** KV ModifyIndex of the table in force (0: no table). */
  revision = 0;
  lastConfigError: { revision: number; message: string } | undefined;
  readonly key: string;
  readonly #latency;
  readonly #error;
  readonly #configErrors;

  constructor(
    readonly service: string,
    readonly version: string,
    metrics: ProxyMetrics,
    private readonly log: Logger,
  ) {
    this.key = faultKey(service);
    const labels = { service, dst_service: service, dst_version: version };
    this.#latency = metrics.faultsInjected.labels({ kind: "latency", ...labels });
    this.#error = metrics.faultsInjected.labels({ kind: "error", ...labels });
    this.#configErrors = metrics.configErrors.labels({ service, dst_service: service, document: "faults" });
    // At 0 from the start, so "no faults injected" reads as 0 rather than as no data.
    this.#latency.inc(0);
    this.#error.inc(0);
    this.#configErrors.inc(0);
  }

  /** The fault key changed: apply a valid table, keep the last good one otherwise. */
  applyKey(entry: KeyValue | null): void {
    if (entry === null) {
      if (this.table !== null) this.log.info("fault table removed", { key: this.key });
      this.table = null;
      this.revision = 0;
      this.lastConfigError = undefined;
      return;
    }
    const parsed = parseFaultTable(entry.value);
    if (!parsed.ok) {
      this.lastConfigError = { revision: entry.modifyIndex, message: parsed.error.message };
      this.#configErrors.inc();
      this.log.error("fault table refused; the last good table stays in force", {
        key: this.key,
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
    this.log.info("fault table applied", { key: this.key, revision: entry.modifyIndex, faults: parsed.value.faults });
  }

  /** The entry for this sidecar's version in force at `nowMs` (wall-clock ms), or null. */
  active(nowMs: number): FaultEntry | null {
    return this.table === null ? null : activeFault(this.table, this.version, nowMs);
  }

  countLatency(): void {
    this.#latency.inc();
  }

  countError(): void {
    this.#error.inc();
  }
}
