/**
 * @module store/codec: State <-> JSON for snapshots, and the framing of log records.
 *
 * A record is `[u32 length][u32 crc32(payload)][payload]` (big-endian). Recovery stops at the first
 * record whose length runs past the end of the file or whose checksum does not match: that is a
 * write torn by a crash, and it was never acknowledged, because the acknowledgement waits for fsync.
 */
import { crc32 } from "node:zlib";
import type { Allocation, Deployment, Evaluation, Job } from "@forex-mesh/scheduler";
import { emptyNomadState, type JobSubmissionRecord, type NomadState } from "../nomad/state.js";
import type { StoreEvent } from "./events.js";
import type { CheckRecord, KvEntry, ServiceRecord, State } from "./types.js";

const HEADER = 8;

/** One log entry: the index the event is applied at, and the event. */
export interface LogRecord {
  i: number;
  e: StoreEvent;
}

export function encodeRecord(record: LogRecord): Buffer {
  const payload = Buffer.from(JSON.stringify(record), "utf8");
  const out = Buffer.allocUnsafe(HEADER + payload.length);
  out.writeUInt32BE(payload.length, 0);
  out.writeUInt32BE(crc32(payload), 4);
  payload.copy(out, HEADER);
  return out;
}

export interface DecodedLog {
  records: LogRecord[];
  /** Bytes of intact records; anything after this is a torn tail to cut off. */
  validBytes: number;
}

export function decodeRecords(buf: Buffer): DecodedLog {
  const records: LogRecord[] = [];
  let offset = 0;
  while (offset + HEADER <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const sum = buf.readUInt32BE(offset + 4);
    const end = offset + HEADER + length;
    if (end > buf.length) break;
    const payload = buf.subarray(offset + HEADER, end);
    if (crc32(payload) !== sum) break;
    let record: LogRecord;
    try {
      record = JSON.parse(payload.toString("utf8")) as LogRecord;
    } catch {
      break;
    }
    records.push(record);
    offset = end;
  }
  return { records, validBytes: offset };
}

interface SnapshotJson {
  version: 1;
  index: number;
  kv: KvEntry[];
  kvTombstones: [string, number][];
  kvTableIndex: number;
  services: ServiceRecord[];
  checks: CheckRecord[];
  serviceNameIndex: [string, number][];
  servicesTableIndex: number;
  checksTableIndex: number;
  /** Absent in snapshots written before the Nomad half existed. */
  nomad?: NomadSnapshot;
}

interface NomadSnapshot {
  jobs: Job[];
  versions: [string, Job[]][];
  submissions: [string, JobSubmissionRecord][];
  evals: Evaluation[];
  allocs: Allocation[];
  deployments: Deployment[];
  indexes: [number, number, number, number];
}

function encodeNomad(n: NomadState): NomadSnapshot {
  return {
    jobs: [...n.jobs.values()],
    versions: [...n.versions],
    submissions: [...n.submissions],
    evals: [...n.evals.values()],
    allocs: [...n.allocs.values()],
    deployments: [...n.deployments.values()],
    indexes: [n.jobsIndex, n.evalsIndex, n.allocsIndex, n.deploymentsIndex],
  };
}

function decodeNomad(json: NomadSnapshot | undefined): NomadState {
  if (json === undefined) return emptyNomadState();
  return {
    jobs: new Map(json.jobs.map((j) => [`${j.Namespace}/${j.ID}`, j])),
    versions: new Map(json.versions),
    submissions: new Map(json.submissions),
    evals: new Map(json.evals.map((e) => [e.ID, e])),
    allocs: new Map(json.allocs.map((a) => [a.ID, a])),
    deployments: new Map(json.deployments.map((d) => [d.ID, d])),
    jobsIndex: json.indexes[0],
    evalsIndex: json.indexes[1],
    allocsIndex: json.indexes[2],
    deploymentsIndex: json.indexes[3],
  };
}

export function encodeSnapshot(state: State): string {
  const json: SnapshotJson = {
    version: 1,
    index: state.index,
    kv: [...state.kv.values()],
    kvTombstones: [...state.kvTombstones],
    kvTableIndex: state.kvTableIndex,
    services: [...state.services.values()],
    checks: [...state.checks.values()],
    serviceNameIndex: [...state.serviceNameIndex],
    servicesTableIndex: state.servicesTableIndex,
    checksTableIndex: state.checksTableIndex,
    nomad: encodeNomad(state.nomad),
  };
  return JSON.stringify(json);
}

export function decodeSnapshot(text: string): State {
  const json = JSON.parse(text) as SnapshotJson;
  if (json.version !== 1) throw new Error(`unknown snapshot version ${String(json.version)}`);
  return {
    index: json.index,
    kv: new Map(json.kv.map((e) => [e.key, e])),
    kvTombstones: new Map(json.kvTombstones),
    kvTableIndex: json.kvTableIndex,
    services: new Map(json.services.map((s) => [s.id, s])),
    checks: new Map(json.checks.map((c) => [c.id, c])),
    serviceNameIndex: new Map(json.serviceNameIndex),
    servicesTableIndex: json.servicesTableIndex,
    checksTableIndex: json.checksTableIndex,
    nomad: decodeNomad(json.nomad),
  };
}
