/**
 * @module store/durable-store: the state machine behind a write-ahead log with group commit.
 *
 * A write is appended to `wal.log` and fsynced before it is applied or acknowledged, so readers and
 * watchers only ever see durable data and an acknowledged write survives kill -9. Concurrent writes
 * share one fsync: while a batch is being synced the next writes queue up and go out together.
 * Every `snapshotEvery` records, and every `snapshotIntervalMs` when anything was written, the state
 * is written to `state.snap` (temp file, fsync, rename,
 * fsync of the directory) and the log is cut. Records carry their index, so a crash between the
 * rename and the cut only replays records the snapshot does not already hold.
 */
import { mkdir, open, readFile, rename, writeFile, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { apply } from "./apply.js";
import { decodeRecords, decodeSnapshot, encodeRecord, encodeSnapshot } from "./codec.js";
import type { ApplyResult, StoreEvent } from "./events.js";
import { emptyState, type State } from "./types.js";

export interface DurableStoreOptions {
  dataDir: string;
  /** Called after each event is applied, before its writer is answered (wakes watchers). */
  onApplied?: (result: ApplyResult) => void;
  snapshotEvery?: number;
  /** Also snapshot this often if anything was written, so replay after a restart stays short. */
  snapshotIntervalMs?: number;
  onSnapshotError?: (error: Error) => void;
}

interface Pending {
  event: StoreEvent;
  resolve: (result: ApplyResult) => void;
  reject: (error: Error) => void;
}

/** The index of a fresh store's first write (see `open`). */
export const FIRST_WRITE_INDEX = 2;

export class DurableStore {
  readonly state: State;
  readonly #wal: FileHandle;
  readonly #dataDir: string;
  readonly #onApplied: (result: ApplyResult) => void;
  readonly #snapshotEvery: number;
  readonly #snapshotTimer: NodeJS.Timeout;
  #snapshotDue = false;
  readonly #onSnapshotError: (error: Error) => void;
  #walBytes: number;
  #sinceSnapshot: number;
  #queue: Pending[] = [];
  #flushing: Promise<void> | undefined;
  #failed: Error | undefined;
  #closed = false;

  private constructor(state: State, wal: FileHandle, walBytes: number, replayed: number, options: DurableStoreOptions) {
    this.state = state;
    this.#wal = wal;
    this.#walBytes = walBytes;
    this.#sinceSnapshot = replayed;
    this.#dataDir = options.dataDir;
    this.#onApplied = options.onApplied ?? (() => {});
    this.#snapshotEvery = options.snapshotEvery ?? 20_000;
    this.#snapshotTimer = setInterval(() => {
      if (this.#sinceSnapshot === 0) return;
      this.#snapshotDue = true;
      this.#kick();
    }, options.snapshotIntervalMs ?? 5 * 60_000);
    this.#snapshotTimer.unref();
    this.#onSnapshotError = options.onSnapshotError ?? (() => {});
  }

  /** Opens (creating if needed) the data directory and replays snapshot + log. */
  static async open(options: DurableStoreOptions): Promise<DurableStore> {
    await mkdir(options.dataDir, { recursive: true });
    const state = await readSnapshot(join(options.dataDir, "state.snap"));
    const walPath = join(options.dataDir, "wal.log");
    await (await open(walPath, "a")).close();
    // r+ rather than append mode: writes go to an explicit offset we track, which stays right
    // after a failed write is cut back.
    const wal = await open(walPath, "r+");
    const { records, validBytes } = decodeRecords(await readFile(walPath));
    const { size } = await wal.stat();
    if (validBytes < size) {
      // A torn tail was never acknowledged; cut it so new records follow intact ones.
      await wal.truncate(validBytes);
      await wal.datasync();
    }
    // A store that has never been written starts at index 1 (what an empty store reports, as
    // X-Consul-Index is never 0), so the first write is 2 and wakes a query blocked at index 1.
    // Data dirs from before this rule start their log at 1 and replay unchanged.
    if (state.index === 0 && (records[0] === undefined || records[0].i === FIRST_WRITE_INDEX)) state.index = FIRST_WRITE_INDEX - 1;
    let replayed = 0;
    for (const record of records) {
      if (record.i <= state.index) continue;
      if (record.i !== state.index + 1) throw new Error(`wal.log: gap before index ${record.i} (state at ${state.index})`);
      apply(state, record.e);
      replayed += 1;
    }
    return new DurableStore(state, wal, validBytes, replayed, options);
  }

  /** Logs, fsyncs, then applies the event; resolves once it is durable. */
  commit(event: StoreEvent): Promise<ApplyResult> {
    if (this.#failed) return Promise.reject(this.#failed);
    if (this.#closed) return Promise.reject(new Error("store is closed"));
    return new Promise((resolve, reject) => {
      this.#queue.push({ event, resolve, reject });
      this.#kick();
    });
  }

  #kick(): void {
    if (this.#flushing) return;
    this.#flushing = this.#flushLoop().finally(() => {
      this.#flushing = undefined;
      // A writer woken by the last batch may have queued before this loop was marked finished.
      if (this.#queue.length > 0) this.#kick();
    });
  }

  /** The only writer of the log and the snapshot, so the two never interleave. */
  async #flushLoop(): Promise<void> {
    while (this.#queue.length > 0 || this.#snapshotDue) {
      if (this.#queue.length === 0) {
        await this.#trySnapshot();
        continue;
      }
      const batch = this.#queue;
      this.#queue = [];
      const base = this.state.index;
      const buf = Buffer.concat(batch.map((p, n) => encodeRecord({ i: base + n + 1, e: p.event })));
      try {
        await this.#wal.write(buf, 0, buf.length, this.#walBytes);
        await this.#wal.datasync();
      } catch (cause) {
        await this.#abandon(batch, cause);
        continue;
      }
      this.#walBytes += buf.length;
      this.#sinceSnapshot += batch.length;
      for (const p of batch) {
        const result = apply(this.state, p.event);
        this.#onApplied(result);
        p.resolve(result);
      }
      if (this.#sinceSnapshot >= this.#snapshotEvery) await this.#trySnapshot();
    }
  }

  async #trySnapshot(): Promise<void> {
    this.#snapshotDue = false;
    if (this.#sinceSnapshot === 0) return;
    try {
      await this.#snapshotNow();
    } catch (error) {
      // The log still holds everything; try again after another round of writes.
      this.#sinceSnapshot = 0;
      this.#onSnapshotError(error as Error);
    }
  }

  async #abandon(batch: Pending[], cause: unknown): Promise<void> {
    const error = new Error("write-ahead log write failed", { cause });
    for (const p of batch) p.reject(error);
    try {
      // Drop any partial bytes so later records are not stranded behind garbage.
      await this.#wal.truncate(this.#walBytes);
    } catch {
      this.#failed = error;
    }
  }

  async #snapshotNow(): Promise<void> {
    const path = join(this.#dataDir, "state.snap");
    const tmp = `${path}.tmp`;
    await writeFile(tmp, encodeSnapshot(this.state));
    const fh = await open(tmp, "r");
    await fh.sync();
    await fh.close();
    await rename(tmp, path);
    const dir = await open(this.#dataDir, "r");
    await dir.sync();
    await dir.close();
    await this.#wal.truncate(0);
    await this.#wal.datasync();
    this.#walBytes = 0;
    this.#sinceSnapshot = 0;
  }

  /** Waits for queued writes, writes a final snapshot and closes the log. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#snapshotTimer);
    while (this.#flushing) await this.#flushing;
    if (!this.#failed && this.#sinceSnapshot > 0) await this.#snapshotNow();
    await this.#wal.close();
  }
}

async function readSnapshot(path: string): Promise<State> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
    throw error;
  }
  return decodeSnapshot(text);
}
