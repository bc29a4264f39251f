/**
 * @module store/types: the dev agent's replicated-state shapes. Everything here is plain data so it
 * can go into the write-ahead log and the snapshot as JSON.
 */

import { emptyNomadState, type NomadState } from "../nomad/state.js";

export type CheckStatus = "passing" | "warning" | "critical";

export interface KvEntry {
  key: string;
  /** base64, as Consul stores `[]byte`; null for an empty value. */
  value: string | null;
  flags: string;
  createIndex: number;
  modifyIndex: number;
  lockIndex: number;
}

export interface TaggedAddress {
  Address: string;
  Port: number;
}

export interface ServiceRecord {
  id: string;
  name: string;
  tags: string[];
  address: string;
  port: number;
  meta: Record<string, string>;
  taggedAddresses: Record<string, TaggedAddress>;
  weights: { Passing: number; Warning: number };
  enableTagOverride: boolean;
  kind: string;
  createIndex: number;
  modifyIndex: number;
}

export type CheckType = "http" | "tcp" | "ttl" | "";

/** What the agent needs to run a check; durations are milliseconds. */
export interface CheckDefinition {
  type: CheckType;
  http?: string;
  method?: string;
  header?: Record<string, string[]>;
  body?: string;
  tcp?: string;
  intervalMs?: number;
  timeoutMs?: number;
  ttlMs?: number;
  deregisterCriticalAfterMs?: number;
  /** The duration strings as the client sent them, echoed in `Interval`/`Timeout`/`Definition`. */
  interval?: string;
  timeout?: string;
  ttl?: string;
  deregisterCriticalServiceAfter?: string;
}

export interface CheckRecord {
  id: string;
  name: string;
  serviceId: string;
  serviceName: string;
  status: CheckStatus;
  output: string;
  notes: string;
  definition: CheckDefinition;
  /** Unix ms when the check last became critical (for DeregisterCriticalServiceAfter); 0 if not critical. */
  criticalSince: number;
  createIndex: number;
  modifyIndex: number;
}

/**
 * The whole store. `index` is the raft-like log index: it only moves up, one step per applied
 * event. The per-table indexes let a blocking query report "the last change that affected me".
 */
export interface State {
  index: number;
  kv: Map<string, KvEntry>;
  /** key -> index of its deletion, so a watch on a deleted key sees its index move up. */
  kvTombstones: Map<string, number>;
  kvTableIndex: number;
  services: Map<string, ServiceRecord>;
  checks: Map<string, CheckRecord>;
  /** service name -> last index at which anything about that service (or its checks) changed. */
  serviceNameIndex: Map<string, number>;
  servicesTableIndex: number;
  checksTableIndex: number;
  /** The Nomad half: jobs, evals, allocs, deployments (same index as the Consul half). */
  nomad: NomadState;
}

export function emptyState(): State {
  return {
    index: 0,
    kv: new Map(),
    kvTombstones: new Map(),
    kvTableIndex: 0,
    services: new Map(),
    checks: new Map(),
    serviceNameIndex: new Map(),
    servicesTableIndex: 0,
    checksTableIndex: 0,
    nomad: emptyNomadState(),
  };
}
