/** @module What a listener's request path needs besides the request: its kind, targets, clock, dice. */
import type { Pool } from "../deps.js";
import type { FaultState } from "../faults/fault-state.js";
import type { Logger } from "../log.js";
import type { RequestSeries } from "../metrics.js";
import type { Upstream } from "../upstream/upstream.js";
import type { AccessLog } from "./access-log.js";

export type ListenerKind = "ingress" | "egress" | "edge";

/** The local app behind an ingress listener. */
export interface AppTarget {
  pool: Pool;
  series: RequestSeries;
  label: string;
  timeoutMs: number;
  /** This instance's service and version: what an ingress access line names as the destination. */
  service: string;
  version: string;
}

export interface ListenerContext {
  kind: ListenerKind;
  /** Sidecars honour overrides; the edge only when configured to. */
  honourOverride: boolean;
  /** Override names used where no routing table applies (ingress). */
  overrideHeader: string;
  overrideCookie: string;
  /** Egress: upstreams by the name a caller puts in Host. */
  upstreams: ReadonlyMap<string, Upstream>;
  /** Edge: the one upstream behind the public listener. */
  fixedUpstream: Upstream | undefined;
  app: AppTarget | undefined;
  /** Monotonic milliseconds. */
  clock: () => number;
  /** Wall-clock ms since the epoch: fault entries expire at a date. */
  wallClock: () => number;
  /** Ingress: the fault table of this sidecar's service. */
  faults: FaultState | undefined;
  rand: () => number;
  log: Logger;
  /** Set when the access log is on (`--access-log`); one line per answered request. */
  accessLog?: AccessLog | undefined;
}
