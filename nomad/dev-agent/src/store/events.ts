/**
 * @module store/events: the write operations. Each one is logged before it is applied, so they
 * carry everything apply needs (including the time, for check bookkeeping) and nothing else.
 */
import type { NomadWrite } from "../nomad/state.js";
import type { CheckDefinition, CheckStatus, ServiceRecord } from "./types.js";

/** A service as registered: the stored record less the indexes the store stamps on it. */
export type ServiceInput = Omit<ServiceRecord, "createIndex" | "modifyIndex">;

export interface CheckInput {
  id: string;
  name: string;
  serviceId: string;
  status: CheckStatus;
  notes: string;
  output: string;
  definition: CheckDefinition;
}

export type StoreEvent =
  | { type: "kv-set"; key: string; value: string | null; flags: string; cas?: number }
  | { type: "kv-delete"; key: string; recurse: boolean; cas?: number }
  | { type: "service-register"; service: ServiceInput; checks: CheckInput[]; replaceExistingChecks: boolean; now: number }
  | { type: "service-deregister"; id: string }
  | { type: "check-register"; check: CheckInput; now: number }
  | { type: "check-deregister"; id: string }
  | { type: "check-update"; id: string; status: CheckStatus; output: string; now: number }
  | NomadWrite;

/** What an applied event did: its answer, and which watch topics it touched. */
export interface ApplyResult {
  /** true/false for KV writes and CAS; an error message when the event was refused. */
  ok: boolean;
  error?: string;
  /** KV keys whose value or existence changed (prefix watchers are matched against these). */
  kvKeys: string[];
  /** Non-KV topics, see `topics.ts`. */
  topics: string[];
}
